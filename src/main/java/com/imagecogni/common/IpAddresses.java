package com.imagecogni.common;

import java.util.Collection;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/**
 * Parses allow-list entries (IPv4, IPv6, CIDR) into one canonical text and matches client
 * addresses against them. Only the plain notations are accepted: no host names, masks,
 * wildcards or inet_aton forms such as {@code 2130706433}.
 */
public final class IpAddresses {

    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false)
            .allowPrefixOnly(false).allowWildcardedSeparator(false)
            .getIPv4AddressParametersBuilder().allow_inet_aton(false).allowWildcardedSeparator(false).getParentBuilder()
            .getIPv6AddressParametersBuilder().allowWildcardedSeparator(false).allowZone(false).getParentBuilder()
            .toParams();

    // an IPv6 block containing all of it nominally stands for every IPv4 address
    private static final IPAddress IPV4_MAPPED = new IPAddressString("::ffff:0:0/96").getAddress();

    private IpAddresses() {
    }

    /**
     * The canonical form of an entry ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 203.0.113.7}),
     * or empty when the text is not an address or CIDR block. A CIDR with host bits set stands
     * for its whole block; an IPv4-mapped IPv6 address stands for the IPv4 address.
     */
    public static Optional<String> canonical(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return Optional.empty();
        }
        IPAddress address = new IPAddressString(text.trim(), STRICT).getAddress();
        if (address == null) {
            return Optional.empty();
        }
        address = unmap(address);
        if (address.isPrefixed()) {
            address = address.toPrefixBlock();
            return Optional.of(address.toCanonicalString());
        }
        return Optional.of(address.toCanonicalString());
    }

    /**
     * Whether a canonical entry covers more than an allow-list entry may: a prefix shorter than
     * its family's minimum, or an IPv6 block that contains the whole IPv4-mapped range.
     */
    public static boolean widerThan(String entry, int minIpv4Prefix, int minIpv6Prefix) {
        IPAddress address = new IPAddressString(entry).getAddress();
        Integer prefix = address.getNetworkPrefixLength();
        int length = prefix == null ? address.getBitCount() : prefix;
        if (address.isIPv4()) {
            return length < minIpv4Prefix;
        }
        return length < minIpv6Prefix || address.contains(IPV4_MAPPED);
    }

    /** Whether {@code client} (a literal address) falls inside any of the canonical entries. */
    public static boolean matchesAny(String client, Collection<String> entries) {
        IPAddress address = new IPAddressString(client).getAddress();
        if (address == null) {
            return false;
        }
        address = unmap(address).withoutPrefixLength();
        for (String entry : entries) {
            IPAddress allowed = new IPAddressString(entry).getAddress();
            if (allowed != null && allowed.getIPVersion() == address.getIPVersion() && allowed.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The single-address entry for a client address ({@code /32} or {@code /128} implied). */
    public static String hostEntry(String client) {
        return canonical(client).orElse(client);
    }

    private static IPAddress unmap(IPAddress address) {
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            Integer prefix = address.getNetworkPrefixLength();
            IPAddress v4 = address.toIPv6().getEmbeddedIPv4Address();
            if (prefix != null) {
                return prefix >= 96 ? v4.setPrefixLength(prefix - 96, false) : address;
            }
            return v4;
        }
        return address;
    }
}
