package com.imagecogni.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The address rules of postbacks and source URLs, address by address. */
class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.10.20.30", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "100.64.0.1", "100.127.255.254", "169.254.1.1", "::1", "fc00::1", "fd12:3456::1", "fe80::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "64:ff9b::7f00:1", "2002:7f00:1::", "2002:c0a8:101::1",
            "192.0.2.10", "198.18.0.1" })
    void internalAddressesAreRefusedUnlessPrivateNetworksAreAllowed(String address) {
        assertTrue(AddressPolicy.refusal(ip(address), false).isPresent(), address + " must be refused");
        assertFalse(AddressPolicy.refusal(ip(address), true).isPresent(), address + " is allowed on private networks");
    }

    @ParameterizedTest
    @ValueSource(strings = { "169.254.169.254", "fd00:ec2::254", "100.100.100.200", "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1" })
    void metadataAddressesAreAlwaysRefused(String address) {
        assertEquals("is a cloud metadata address", AddressPolicy.refusal(ip(address), true).orElseThrow());
        assertTrue(AddressPolicy.refusal(ip(address), false).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "::",
            "ff02::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2" })
    void unspecifiedMulticastBroadcastReservedAndTeredoAreAlwaysRefused(String address) {
        assertTrue(AddressPolicy.refusal(ip(address), true).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "100.128.0.1",
            "172.32.0.1" })
    void publicAddressesAreAllowed(String address) {
        assertFalse(AddressPolicy.refusal(ip(address), false).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2130706433", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "127.1", "127.0.1", "017700000001" })
    void ipv4InNumberFormsIsRecognised(String host) {
        assertTrue(AddressPolicy.isObscuredIpv4(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "hooks.example.com", "8.8.8.8", "a1.example", "deadbeef.example" })
    void ordinaryHostsAreNotObscured(String host) {
        assertFalse(AddressPolicy.isObscuredIpv4(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "8.8.8.8", "[::1]", "[fd00:ec2::254]", "[::ffff:10.0.0.1]" })
    void ipLiteralsAreRecognised(String host) {
        assertTrue(AddressPolicy.isIpLiteral(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = { "localhost", "hooks.example.com", "deadbeef.example", "a1.example" })
    void namesAreNotIpLiterals(String host) {
        assertFalse(AddressPolicy.isIpLiteral(host), host);
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
