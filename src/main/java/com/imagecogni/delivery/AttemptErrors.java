package com.imagecogni.delivery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netty.channel.ConnectTimeoutException;

/**
 * The text a customer sees for a failed postback attempt. It names the URL's host, never the
 * address the host resolved to: a DNS answer can map an internal network.
 */
final class AttemptErrors {

    private AttemptErrors() {
    }

    /** Describes {@code failure}; {@code target} (null before the URL was resolved) is the checked destination. */
    static String describe(Throwable failure, PostbackTargets.Target target) {
        if (failure instanceof TimeoutException || failure instanceof io.smallrye.mutiny.TimeoutException) {
            return "no answer within the time limit";
        }
        if (failure instanceof PostbackTargets.RefusedTarget) {
            return "refused: " + failure.getMessage();
        }
        if (failure instanceof ConnectTimeoutException) {
            return "connection failed: no connection within the connect timeout";
        }
        String message = failure.getMessage();
        if (message == null) {
            return "connection failed";
        }
        return "connection failed: " + (target == null ? message : withoutAddress(message, target));
    }

    /** Replaces the resolved address (as Netty and Vert.x print it: "name/address:port", "/address:port", "address:port") with host:port. */
    static String withoutAddress(String message, PostbackTargets.Target target) {
        String text = message;
        String named = Matcher.quoteReplacement(target.host() + ":" + target.port());
        for (String form : forms(target.address())) {
            text = text.replaceAll("(?:[\\w.-]*/)?\\[?" + Pattern.quote(form) + "]?(?::\\d+)?(?![\\w:])", named);
        }
        return text;
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
