package com.imagecogni.outbound;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * Which addresses the service may connect to for a URL a customer gave it (postbacks, sources by URL). Cloud
 * metadata, unspecified, multicast, broadcast and reserved addresses are never allowed; loopback, private,
 * link-local, CGNAT, ULA and documentation ranges only when the operator allows private networks. IPv6 forms that
 * carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address; Teredo is refused.
 */
public final class AddressPolicy {

    private static final List<IPAddress> METADATA = blocks("169.254.169.254", "fd00:ec2::254", "100.100.100.200");
    private static final List<IPAddress> NEVER = blocks("0.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255",
            "::/128", "ff00::/8", "2001::/32");
    private static final List<IPAddress> PRIVATE = blocks("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "169.254.0.0/16", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "2001:db8::/32");
    private static final IPAddress NAT64 = block("64:ff9b::/96");
    private static final IPAddress NAT64_LOCAL = block("64:ff9b:1::/48");
    private static final IPAddress SIX_TO_FOUR = block("2002::/16");
    private static final IPAddress COMPATIBLE = block("::/96");

    /** Lenient parsing, to recognise IPv4 written as one number or in octal/hex parts, the way inet_aton reads it. */
    private static final IPAddressStringParameters INET_ATON = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowPrefix(false).allowMask(false).allowSingleSegment(true)
            .getIPv4AddressParametersBuilder().allow_inet_aton(true).getParentBuilder().toParams();

    private AddressPolicy() {
    }

    /** Why {@code address} may not be used, or empty when it may. */
    public static Optional<String> refusal(InetAddress address, boolean allowPrivate) {
        IPAddress ip = new IPAddressString(address.getHostAddress()).getAddress();
        if (ip == null) {
            return Optional.of("is not an IP address");
        }
        IPAddress effective = embeddedIpv4(ip).orElse(ip);
        if (inAny(effective, METADATA) || inAny(ip, METADATA)) {
            return Optional.of("is a cloud metadata address");
        }
        if (inAny(effective, NEVER) || inAny(ip, NEVER)) {
            return Optional.of("is an unspecified, multicast, broadcast or reserved address");
        }
        if (!allowPrivate && (inAny(effective, PRIVATE) || inAny(ip, PRIVATE))) {
            return Optional.of("is a loopback, private, link-local or otherwise internal address");
        }
        return Optional.empty();
    }

    /** Whether a URL host is an IP address as written (IPv6 in brackets), rather than a name to resolve. */
    public static boolean isIpLiteral(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new IPAddressString(bare).isIPAddress();
    }

    /**
     * Whether a URL host is an IPv4 address in a form other than plain dotted decimal: a single
     * number ({@code 2130706433}), octal ({@code 0177.0.0.1}), hex ({@code 0x7f.1}) or fewer parts.
     */
    public static boolean isObscuredIpv4(String host) {
        IPAddress parsed = new IPAddressString(host, INET_ATON).getAddress();
        if (parsed == null || !parsed.isIPv4()) {
            return false;
        }
        return !parsed.toCanonicalString().equals(host);
    }

    private static Optional<IPAddress> embeddedIpv4(IPAddress ip) {
        if (!ip.isIPv6()) {
            return Optional.empty();
        }
        IPv6Address v6 = ip.toIPv6();
        if (v6.isIPv4Mapped() || (COMPATIBLE.contains(v6) && !v6.isZero() && !v6.isLoopback())) {
            return Optional.of(v6.getEmbeddedIPv4Address());
        }
        if (NAT64.contains(v6) || NAT64_LOCAL.contains(v6)) {
            return Optional.of(v6.getEmbeddedIPv4Address());
        }
        if (SIX_TO_FOUR.contains(v6)) {
            byte[] bytes = v6.getBytes();
            return Optional.of(new IPv4Address(new byte[] { bytes[2], bytes[3], bytes[4], bytes[5] }));
        }
        return Optional.empty();
    }

    private static boolean inAny(IPAddress ip, List<IPAddress> blocks) {
        for (IPAddress block : blocks) {
            if (block.getIPVersion() == ip.getIPVersion() && block.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private static IPAddress block(String text) {
        return new IPAddressString(text).getAddress().toPrefixBlock();
    }

    private static List<IPAddress> blocks(String... texts) {
        return java.util.Arrays.stream(texts).map(AddressPolicy::block).toList();
    }
}
