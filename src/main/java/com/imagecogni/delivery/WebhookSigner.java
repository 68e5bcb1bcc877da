package com.imagecogni.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.imagecogni.common.Hashing;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} keyed with
 * the base64 part of the account's {@code whsec_…} secret.
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    /** A new secret: {@code whsec_} + base64 of 32 random bytes. */
    public static String newSecret() {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(Hashing.randomUrlToken(32)));
    }

    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        return sign(secret, id, timestampSeconds, List.of(body));
    }

    /** The same signature over a body given in chunks, so a large body is never copied into one array to be signed. */
    public static String sign(String secret, String id, long timestampSeconds, List<byte[]> body) {
        Mac mac = mac(secret);
        mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        for (byte[] chunk : body) {
            mac.update(chunk);
        }
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
    }

    /** HMAC-SHA256 of {@code message} keyed with the secret, for what else the secret signs (result links). */
    static byte[] hmac(String secret, byte[] message) {
        return mac(secret).doFinal(message);
    }

    /** An HMAC-SHA256 keyed with the base64 part of a {@code whsec_} secret (or the base64 alone). */
    private static Mac mac(String secret) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length())
                    : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
