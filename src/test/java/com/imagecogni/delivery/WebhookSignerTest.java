package com.imagecogni.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** Postback signatures are Standard Webhooks v1 signatures, so receivers can check them with any of its libraries. */
class WebhookSignerTest {

    // the Standard Webhooks specification's published example (also the svix libraries' test vector)
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheStandardWebhooksExampleLikeTheSpecification() {
        assertEquals(SIGNATURE, WebhookSigner.sign(SECRET, ID, TIMESTAMP, PAYLOAD));
    }

    @Test
    void aSecretWithoutItsPrefixSignsTheSame() {
        assertEquals(SIGNATURE, WebhookSigner.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ID, TIMESTAMP, PAYLOAD));
    }

    @Test
    void aBodyInChunksSignsLikeTheSameBytesInOneArray() {
        byte[] a = Arrays.copyOfRange(PAYLOAD, 0, 3);
        byte[] b = Arrays.copyOfRange(PAYLOAD, 3, 11);
        byte[] c = Arrays.copyOfRange(PAYLOAD, 11, PAYLOAD.length);
        assertEquals(SIGNATURE, WebhookSigner.sign(SECRET, ID, TIMESTAMP, List.of(a, new byte[0], b, c)));
    }

    @Test
    void everySignedFieldChangesTheSignature() {
        byte[] otherPayload = PAYLOAD.clone();
        otherPayload[otherPayload.length - 2]++;
        assertNotEquals(SIGNATURE, WebhookSigner.sign(SECRET, ID, TIMESTAMP, otherPayload), "the body");
        assertNotEquals(SIGNATURE, WebhookSigner.sign(SECRET, ID, TIMESTAMP + 1, PAYLOAD), "the timestamp");
        assertNotEquals(SIGNATURE, WebhookSigner.sign(SECRET, ID + "x", TIMESTAMP, PAYLOAD), "the id");
        assertNotEquals(SIGNATURE, WebhookSigner.sign(WebhookSigner.newSecret(), ID, TIMESTAMP, PAYLOAD), "the secret");
    }

    @Test
    void newSecretsAreWhsecPrefixedBase64Of32RandomBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = WebhookSigner.newSecret();
            assertTrue(secret.startsWith("whsec_"), secret);
            // standard base64 with padding, as the Standard Webhooks libraries decode it
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            assertEquals(32, key.length, secret);
            assertTrue(seen.add(secret), "secrets are not repeated");
        }
    }

    @Test
    void aNewSecretsSignatureOverAMultipartBodyVerifiesIndependently() throws Exception {
        String secret = WebhookSigner.newSecret();
        MultipartBody body = new MultipartBody().file("outputZipFile", "job.zip", "application/zip", new byte[] { 'P', 'K', 3, 4 })
                .field("jobId", "job");
        List<byte[]> chunks = body.chunks();
        String signature = WebhookSigner.sign(secret, "msg_job", 1_700_000_000L, chunks);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        mac.update("msg_job.1700000000.".getBytes(StandardCharsets.UTF_8));
        chunks.forEach(mac::update);
        assertEquals("v1," + Base64.getEncoder().encodeToString(mac.doFinal()), signature);
    }
}
