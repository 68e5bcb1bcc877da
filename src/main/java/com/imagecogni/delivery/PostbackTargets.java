package com.imagecogni.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import com.imagecogni.common.Blocking;
import com.imagecogni.common.ImagecogniConfig;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The postback-URL rules, all of them, for the configuration being saved and for every send: the
 * URL's form (at most {@value #MAX_LENGTH} characters, an absolute http or https URL naming a host,
 * no credentials) and where it may point (no IPv4 in number forms; every address the host resolves
 * to, A and AAAA, allowed by {@link AddressPolicy}). At send it turns the URL into the one checked
 * address the connection goes to. {@link #resolve} and {@link #refusalAtSave} look names up: call
 * them off the event loop, or use {@link #refusalAtSaveOffLoop}.
 */
@ApplicationScoped
public class PostbackTargets {

    /** The longest postback URL (the column is varchar(2048)). */
    public static final int MAX_LENGTH = 2048;

    /** The refusal of a name whose address is not allowed: which address, or which kind, is not said. */
    public static final String NAME_NOT_ALLOWED = "the postback URL's host resolves to an address that is not allowed"
            + " (private, loopback, link-local, metadata or reserved); postbacks must go to a public address";

    @Inject
    ImagecogniConfig config;

    @Inject
    Blocking blocking;

    /**
     * A rule a postback URL breaks. {@code address}: the URL is well formed but points where
     * postbacks may not go, and {@code message} is a sentence; otherwise its form is wrong, and
     * {@code message} is worded as an error of the configuration's {@code postbackUrl} field
     * ("must name a host").
     */
    public record Refusal(boolean address, String message) {

        static Optional<Refusal> ofForm(String message) {
            return Optional.of(new Refusal(false, message));
        }

        static Optional<Refusal> ofAddress(String message) {
            return Optional.of(new Refusal(true, message));
        }

        /** The sentence a failed attempt records ("refused: …"). */
        String sentence() {
            return address ? message : "the postback URL " + message;
        }
    }

    /** A checked destination: connect to {@code address}, speak to {@code host} (Host header, TLS SNI). */
    public record Target(String host, int port, boolean ssl, String pathAndQuery, InetAddress address) {
    }

    /** A URL that may not be posted to, and why. */
    public static class RefusedTarget extends RuntimeException {
        final boolean unresolved;

        RefusedTarget(String message) {
            this(message, false);
        }

        RefusedTarget(String message, boolean unresolved) {
            super(message, null, false, false);
            this.unresolved = unresolved;
        }
    }

    /**
     * The first rule {@code url} breaks that needs no name lookup, or empty: its form, in the order
     * length, syntax, absolute http or https, host (an IPv4 address in number form is refused as an
     * address), credentials. The configuration reports a form refusal as a field error.
     */
    public static Optional<Refusal> checkWithoutLookup(String url) {
        if (url.length() > MAX_LENGTH) {
            return Refusal.ofForm("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Refusal.ofForm("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return Refusal.ofForm("must be an absolute http or https URL");
        }
        // java.net.URI leaves the host null for forms like 0x7f.1: judge the raw authority then
        String host = uri.getHost() != null ? uri.getHost()
                : uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "").replaceFirst(":\\d*$", "");
        if (AddressPolicy.isObscuredIpv4(host)) {
            return Refusal.ofAddress("the host " + host + " is an IPv4 address in decimal, octal or hex notation");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Refusal.ofForm("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Refusal.ofForm("must not contain credentials; the postback is signed instead");
        }
        return Optional.empty();
    }

    /** Every rule, for a send: the checked destination, or why there is none. Looks the host up (blocking). */
    public Target resolve(String url) throws RefusedTarget {
        Optional<Refusal> refusal = checkWithoutLookup(url);
        if (refusal.isPresent()) {
            throw new RefusedTarget(refusal.get().sentence());
        }
        URI uri = URI.create(url);
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("the host " + host + " does not resolve", true);
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = AddressPolicy.refusal(address, config.postback().allowPrivateNetworks());
            if (refused.isPresent()) {
                // an address the customer typed may be named; what a name resolves to may not (it maps the internal network)
                throw new RefusedTarget(AddressPolicy.isIpLiteral(host)
                        ? "the host " + host + " " + refused.get() + "; postbacks must go to a public address"
                        : NAME_NOT_ALLOWED);
            }
        }
        boolean ssl = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Target(host, port, ssl, path, addresses[0]);
    }

    /**
     * Every rule, for a configuration being saved: like {@link #resolve}, except that a name that
     * does not resolve (yet) is accepted; it is checked again at every send. Looks the host up (blocking).
     */
    public Optional<Refusal> refusalAtSave(String url) {
        Optional<Refusal> refusal = checkWithoutLookup(url);
        if (refusal.isPresent()) {
            return refusal;
        }
        try {
            resolve(url);
            return Optional.empty();
        } catch (RefusedTarget e) {
            return e.unresolved ? Optional.empty() : Refusal.ofAddress(e.getMessage());
        }
    }

    /** {@link #refusalAtSave} with the lookup on a worker thread, resuming on the caller's context. */
    public Uni<Optional<Refusal>> refusalAtSaveOffLoop(String url) {
        Optional<Refusal> refusal = checkWithoutLookup(url);
        return refusal.isPresent() ? Uni.createFrom().item(refusal) : blocking.run(() -> refusalAtSave(url));
    }
}
