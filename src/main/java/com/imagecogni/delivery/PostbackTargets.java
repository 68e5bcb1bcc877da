package com.imagecogni.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import com.imagecogni.common.ImagecogniConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a postback URL into the one address the connection will go to, after resolving the host
 * (A and AAAA) and checking every address it has. Blocking (DNS): call it off the event loop.
 */
@ApplicationScoped
public class PostbackTargets {

    /** The refusal of a name whose address is not allowed: which address, or which kind, is not said. */
    public static final String NAME_NOT_ALLOWED = "the postback URL's host resolves to an address that is not allowed"
            + " (private, loopback, link-local, metadata or reserved); postbacks must go to a public address";

    @Inject
    ImagecogniConfig config;

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

    public Target resolve(String url) throws RefusedTarget {
        URI uri = parse(url);
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("the host " + host + " does not resolve", true);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = AddressPolicy.refusal(address, config.postback().allowPrivateNetworks());
            if (refusal.isPresent()) {
                // an address the customer typed may be named; what a name resolves to may not (it maps the internal network)
                throw new RefusedTarget(AddressPolicy.isIpLiteral(host)
                        ? "the host " + host + " " + refusal.get() + "; postbacks must go to a public address"
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
     * The check made when a configuration is saved: like {@link #resolve}, except that a name that
     * does not resolve (yet) is accepted; it is checked again at every send.
     */
    public Optional<String> refusalAtSave(String url) {
        try {
            resolve(url);
            return Optional.empty();
        } catch (RefusedTarget e) {
            return e.unresolved ? Optional.empty() : Optional.of(e.getMessage());
        }
    }

    private static URI parse(String url) throws RefusedTarget {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedTarget("the URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("only http and https URLs are allowed");
        }
        // java.net.URI leaves the host null for forms like 0x7f.1: judge the raw authority then
        String host = uri.getHost() != null ? uri.getHost()
                : uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "").replaceFirst(":\\d*$", "");
        if (AddressPolicy.isObscuredIpv4(host)) {
            throw new RefusedTarget("the host " + host + " is an IPv4 address in decimal, octal or hex notation");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedTarget("the URL has no valid host");
        }
        return uri;
    }
}
