package com.imagecogni.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * The one check of a URL the service connects to for a customer, whatever it connects for (a postback, a source by
 * URL): the URL's form (at most {@value #MAX_LENGTH} characters, an absolute http or https URL naming a host, no
 * credentials) and where it may point (no IPv4 in number forms; every address the host resolves to, A and AAAA,
 * allowed by {@link AddressPolicy}). {@link #resolve} turns the URL into the one checked {@link Target} the connection
 * goes to, so a second DNS answer (rebinding) is never used. Only the wording differs between uses ({@link Use}).
 */
public final class UrlRules {

    /** The longest URL (the columns are varchar(2048)). */
    public static final int MAX_LENGTH = 2048;

    private UrlRules() {
    }

    /**
     * How one use words its refusals.
     *
     * @param noun what the URL is called ("postback URL")
     * @param noCredentials the sentence after "must not contain credentials" (empty, or "; the postback is signed
     *        instead")
     * @param publicOnly the rule an internal address breaks ("postbacks must go to a public address")
     */
    public record Use(String noun, String noCredentials, String publicOnly) {

        /** The refusal of a name whose address is not allowed: which address, or which kind, is not said. */
        public String nameNotAllowed() {
            return "the " + noun + "'s host resolves to an address that is not allowed (private, loopback, link-local,"
                    + " metadata or reserved); " + publicOnly;
        }
    }

    /**
     * A rule a URL breaks. {@code address}: the URL is well formed but points where the service may not connect, and
     * {@code message} is a sentence; otherwise its form is wrong, and {@code message} is worded as an error of the
     * field that holds it ("must name a host").
     */
    public record Refusal(boolean address, String message) {

        static Optional<Refusal> ofForm(String message) {
            return Optional.of(new Refusal(false, message));
        }

        static Optional<Refusal> ofAddress(String message) {
            return Optional.of(new Refusal(true, message));
        }

        /** The refusal as a sentence of its own ("the postback URL must name a host"). */
        public String sentence(Use use) {
            return address ? message : "the " + use.noun() + " " + message;
        }
    }

    /** A checked destination: connect to {@code address}, speak to {@code host} (Host header, TLS SNI). */
    public record Target(String host, int port, boolean ssl, String pathAndQuery, InetAddress address) {

        /**
         * {@code message} with the resolved address (as Netty and Vert.x print it: "name/address:port",
         * "/address:port", "address:port") replaced by host:port: what customers read names the URL's host, never
         * what it resolved to, since a DNS answer can map an internal network.
         */
        public String withoutAddress(String message) {
            String text = message;
            String named = Matcher.quoteReplacement(host + ":" + port);
            for (String form : forms(address)) {
                text = text.replaceAll("(?:[\\w.-]*/)?\\[?" + Pattern.quote(form) + "]?(?::\\d+)?(?![\\w:])", named);
            }
            return text;
        }
    }

    /** A URL the service may not connect to, and why (a sentence). */
    public static class RefusedTarget extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean unresolved;

        public RefusedTarget(String message) {
            this(message, false);
        }

        RefusedTarget(String message, boolean unresolved) {
            super(message, null, false, false);
            this.unresolved = unresolved;
        }

        /** The host does not resolve (yet): not a rule broken, a name that may exist later. */
        public boolean unresolved() {
            return unresolved;
        }
    }

    /**
     * The first rule {@code url} breaks that needs no name lookup, or empty: its form, in the order length, syntax,
     * absolute http or https, host (an IPv4 address in number form is refused as an address), credentials.
     */
    public static Optional<Refusal> checkWithoutLookup(String url, Use use) {
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
            return Refusal.ofForm("must not contain credentials" + use.noCredentials());
        }
        return Optional.empty();
    }

    /**
     * {@link #checkWithoutLookup}, and for a host written as an IP address the address rule too (still no lookup):
     * what can be refused when the URL is given, before anything connects.
     */
    public static Optional<Refusal> checkWithoutLookup(String url, Use use, boolean allowPrivate) {
        Optional<Refusal> refusal = checkWithoutLookup(url, use);
        if (refusal.isPresent()) {
            return refusal;
        }
        String host = URI.create(url).getHost();
        if (!AddressPolicy.isIpLiteral(host)) {
            return Optional.empty();
        }
        try {
            return AddressPolicy.refusal(InetAddress.getByName(host), allowPrivate)
                    .flatMap(refused -> Refusal.ofAddress("the host " + host + " " + refused + "; " + use.publicOnly()));
        } catch (UnknownHostException e) {
            return Refusal.ofForm("is not a valid URL"); // an IP literal always parses; never reached
        }
    }

    /**
     * Every rule: the checked destination, or why there is none ({@link RefusedTarget}, worded for {@code use}).
     * Looks the host up: blocks, so call it off the event loop.
     */
    public static Target resolve(String url, Use use, boolean allowPrivate) throws RefusedTarget {
        Optional<Refusal> refusal = checkWithoutLookup(url, use);
        if (refusal.isPresent()) {
            throw new RefusedTarget(refusal.get().sentence(use));
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
            Optional<String> refused = AddressPolicy.refusal(address, allowPrivate);
            if (refused.isPresent()) {
                // an address the customer typed may be named; what a name resolves to may not (it maps the internal network)
                throw new RefusedTarget(AddressPolicy.isIpLiteral(host)
                        ? "the host " + host + " " + refused.get() + "; " + use.publicOnly()
                        : use.nameNotAllowed());
            }
        }
        boolean ssl = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Target(host, port, ssl, path, addresses[0]);
    }

    /** The ways an address is written, longest first so a short form never cuts into a longer one. */
    private static Set<String> forms(InetAddress address) {
        Set<String> forms = new LinkedHashSet<>();
        String full = address.getHostAddress().replaceFirst("%.*$", "");
        forms.add(full);
        if (address instanceof Inet6Address) {
            IPAddress parsed = new IPAddressString(full).getAddress();
            if (parsed != null) {
                forms.add(parsed.toCanonicalString());
                forms.add(parsed.toCompressedString());
            }
        }
        return forms;
    }
}
