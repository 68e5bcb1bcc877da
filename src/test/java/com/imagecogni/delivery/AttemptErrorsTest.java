package com.imagecogni.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.InetAddress;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import com.imagecogni.outbound.UrlRules;

import io.netty.channel.ConnectTimeoutException;

/** What a customer reads of a failed attempt names the URL's host, never the address it resolved to. */
class AttemptErrorsTest {

    @Test
    void theResolvedIpv4AddressIsReplacedByTheHost() throws Exception {
        UrlRules.Target target = target("hooks.internal.example", 8443, "10.1.2.3");
        assertEquals("connection failed: Connection refused: hooks.internal.example:8443",
                AttemptErrors.describe(new ConnectException("Connection refused: /10.1.2.3:8443"), target));
        assertEquals("connection failed: No route to host: hooks.internal.example:8443",
                AttemptErrors.describe(new ConnectException("No route to host: hooks.internal.example/10.1.2.3:8443"), target));
        assertEquals("connection failed: reset by 10.1.2.30", AttemptErrors.describe(new ConnectException("reset by 10.1.2.30"),
                target), "another address that merely starts the same is left alone");
    }

    @Test
    void theResolvedIpv6AddressIsReplacedInEveryForm() throws Exception {
        UrlRules.Target target = target("hooks.internal.example", 80, "fd12:3456::1");
        assertEquals("connection failed: Connection refused: hooks.internal.example:80",
                AttemptErrors.describe(new ConnectException("Connection refused: /fd12:3456:0:0:0:0:0:1:80"), target));
        assertEquals("connection failed: Connection refused: hooks.internal.example:80",
                AttemptErrors.describe(new ConnectException("Connection refused: [fd12:3456::1]:80"), target));
    }

    @Test
    void timeoutsAndRefusalsHaveFixedTexts() throws Exception {
        UrlRules.Target target = target("hooks.example.com", 443, "93.184.216.34");
        assertEquals("no answer within the time limit", AttemptErrors.describe(new TimeoutException("x"), target));
        assertEquals("connection failed: no connection within the connect timeout",
                AttemptErrors.describe(new ConnectTimeoutException("connection timed out: /93.184.216.34:443"), target));
        assertEquals("refused: " + PostbackTargets.NAME_NOT_ALLOWED,
                AttemptErrors.describe(new UrlRules.RefusedTarget(PostbackTargets.NAME_NOT_ALLOWED), null));
    }

    private static UrlRules.Target target(String host, int port, String address) throws Exception {
        return new UrlRules.Target(host, port, false, "/hook", InetAddress.getByName(address));
    }
}
