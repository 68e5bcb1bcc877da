package com.imagecogni.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.imagecogni.common.ImagecogniConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Signed, expiring links to a job's result ZIP ({@code /api/v1/results/{jobId}?expires=…&signature=…}), given in JSON
 * postbacks: the signature is an HMAC keyed with the account's webhook secret, so the link needs no API key, works
 * from any address, and dies when the secret is rotated.
 */
@ApplicationScoped
public class ResultLinks {

    /** The path the links point to; {@link ResultLinkResource} serves it. */
    static final String PATH = "/api/v1/results/";

    @Inject
    ImagecogniConfig config;

    /** The link to job {@code jobId}'s result, valid until {@code expires} while {@code secret} is the account's. */
    public String url(String secret, UUID jobId, Instant expires) {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH + jobId + "?expires="
                + expires.getEpochSecond() + "&signature=" + signature(secret, jobId, expires.getEpochSecond());
    }

    /**
     * The link's signature: base64url HMAC-SHA256 of {@code imagecogni.result-link.v1:<job id>:<expires>}. A postback
     * signature is over {@code msg_…} (the webhook id) and the body, so neither can stand for the other.
     */
    static String signature(String secret, UUID jobId, long expiresEpochSecond) {
        byte[] message = ("imagecogni.result-link.v1:" + jobId + ":" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(WebhookSigner.hmac(secret, message));
    }

    /** True when {@code signature} is the one {@code secret} gives this job and expiry (compared in constant time). */
    static boolean signedBy(String secret, UUID jobId, long expiresEpochSecond, String signature) {
        return signature != null && MessageDigest.isEqual(signature(secret, jobId, expiresEpochSecond)
                .getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }
}
