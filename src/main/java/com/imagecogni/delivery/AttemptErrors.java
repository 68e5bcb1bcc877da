package com.imagecogni.delivery;

import java.util.concurrent.TimeoutException;

import com.imagecogni.outbound.UrlRules;

import io.netty.channel.ConnectTimeoutException;

/**
 * The text a customer sees for a failed postback attempt. It names the URL's host, never the
 * address the host resolved to: a DNS answer can map an internal network.
 */
final class AttemptErrors {

    private AttemptErrors() {
    }

    /** Describes {@code failure}; {@code target} (null before the URL was resolved) is the checked destination. */
    static String describe(Throwable failure, UrlRules.Target target) {
        if (failure instanceof TimeoutException || failure instanceof io.smallrye.mutiny.TimeoutException) {
            return "no answer within the time limit";
        }
        if (failure instanceof UrlRules.RefusedTarget) {
            return "refused: " + failure.getMessage();
        }
        if (failure instanceof ConnectTimeoutException) {
            return "connection failed: no connection within the connect timeout";
        }
        String message = failure.getMessage();
        if (message == null) {
            return "connection failed";
        }
        return "connection failed: " + (target == null ? message : target.withoutAddress(message));
    }
}
