package com.imagecogni.common;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The caller's IP address: the TCP peer, or the forwarded client when the peer is one of
 * {@code quarkus.http.proxy.trusted-proxies} (Quarkus rewrites the remote address only then).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null || remote.hostAddress() == null) {
            return "unknown";
        }
        return normalise(remote.hostAddress());
    }

    /** IPv4-mapped IPv6 peers ({@code ::ffff:1.2.3.4}) are the IPv4 client they stand for. */
    static String normalise(String host) {
        String lower = host.toLowerCase();
        int zone = lower.indexOf('%');
        if (zone >= 0) {
            lower = lower.substring(0, zone);
        }
        if (lower.startsWith("::ffff:") && lower.indexOf('.') > 0) {
            return lower.substring("::ffff:".length());
        }
        if (lower.startsWith("0:0:0:0:0:ffff:") && lower.indexOf('.') > 0) {
            return lower.substring("0:0:0:0:0:ffff:".length());
        }
        return lower;
    }
}
