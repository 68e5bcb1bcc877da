package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.imagecogni.support.Api;
import com.imagecogni.support.ExternalProcess;
import com.imagecogni.support.Images;
import com.imagecogni.support.NodePackages;
import com.imagecogni.support.PostbackReceiver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The JSON postback ({@code "postbackFormat": "json"}) is verified by the npm {@code standardwebhooks} library as it is,
 * and its {@code result.url} serves the job's ZIP without an API key until it expires or the secret is rotated; the
 * same library cannot verify a multipart postback, which an HMAC over the raw bytes does.
 */
@QuarkusTest
class JsonPostbackTest extends ReceivingCustomerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path nodeModules;

    @BeforeAll
    static void installLibrary() {
        nodeModules = NodePackages.installed(Path.of("examples", "receivers", "node")).toAbsolutePath();
    }

    @Test
    void theStandardWebhooksLibraryVerifiesTheEventAndItsLinkServesTheSameZip() throws Exception {
        String jsonConfig = JobFixtures.config(account, receiver.url(), operations(), "json");
        String jobId = uploadAndAwaitCompletion(jsonConfig);
        PostbackReceiver.Received postback = postbackOf(jobId);
        assertEquals("application/json", postback.header("content-type"));

        ExternalProcess.Result verified = standardWebhooksVerify(secret(), postback.headers(), postback.body());
        assertEquals(0, verified.exitCode(), "the library refused the postback: " + verified.output());
        JsonNode event = JSON.readTree(verified.output());
        assertEquals(JSON.readTree(postback.body()), event, "the library answers the body it verified");
        assertEquals("job.completed", event.path("type").asText());
        JsonNode status = JSON.readTree(Api.withKey(key).get("/api/v1/jobs/" + jobId).asString());
        assertEquals(Instant.parse(status.path("finishedAt").asText()), Instant.parse(event.path("timestamp").asText()),
                "the event happened when processing ended");
        JsonNode data = event.path("data");
        assertEquals(jobId, data.path("jobId").asText());
        assertEquals(jsonConfig, data.path("configId").asText());
        assertEquals(1, data.path("configVersion").asInt());
        assertEquals("succeeded", data.path("status").asText());
        assertEquals("a.png", data.path("sources").path(0).path("name").asText());
        assertEquals("succeeded", data.path("sources").path(0).path("status").asText());
        assertEquals(status.path("credits"), data.path("credits"), "the credits the job status shows");

        // the link: no Authorization header, from an address the account never allow-listed
        JsonNode result = data.path("result");
        String url = result.path("url").asText();
        assertTrue(url.startsWith(ConfigProvider.getConfig().getValue("imagecogni.public-base-url", String.class)
                + "/api/v1/results/" + jobId + "?"), url);
        // the length known up front, alone: HTTP/1.1 forbids it beside Transfer-Encoding, and Node's fetch refuses both
        byte[] zip = Api.connectionFrom("127.0.0.9").get(pathOf(url)).then().statusCode(200)
                .header("Content-Type", "application/zip").header("Transfer-Encoding", nullValue())
                .header("Content-Length", result.path("bytes").asText())
                .header("Cache-Control", "private, no-store").extract().asByteArray();
        assertEquals(result.path("sha256").asText(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip)));
        assertEquals(result.path("bytes").asLong(), zip.length);
        assertArrayEquals(Api.withKey(key).get("/api/v1/jobs/" + jobId + "/result").then()
                .header("Transfer-Encoding", nullValue()).extract().asByteArray(), zip, "the same ZIP as the job's result");
        assertEquals(JSON.readTree(ZipEntries.of(zip).get("manifest.json")), data.path("manifest"),
                "the event's manifest is the ZIP's manifest.json");

        // valid until retention ends: the link expires with this attempt's retention, the result itself no earlier
        Instant linkExpires = Instant.parse(result.path("expiresAt").asText());
        assertEquals(Long.parseLong(URI.create(url).getQuery().replaceAll(".*expires=(\\d+).*", "$1")),
                linkExpires.getEpochSecond());
        assertFalse(Instant.parse(status.path("result").path("expiresAt").asText()).isBefore(linkExpires),
                "the result is kept at least as long as its link works");

        // an altered link, a link that expired, and the link once the secret was rotated
        String altered = pathOf(url).replaceFirst("expires=(\\d+)", "expires=" + (linkExpires.getEpochSecond() + 86400));
        refused(altered, 403, "result_link_invalid");
        long past = Instant.now().getEpochSecond() - 1;
        refused("/api/v1/results/" + jobId + "?expires=" + past + "&signature=" + linkSignature(secret(), jobId, past), 410,
                "result_link_expired");
        refused("/api/v1/results/" + jobId + "?expires=" + linkExpires.getEpochSecond() + "&signature=" + linkSignature(
                secret(), UUID.randomUUID().toString(), linkExpires.getEpochSecond()), 403, "result_link_invalid");
        // a job that does not exist answers as a bad signature does; so do a missing or malformed expiry or signature
        UUID unknown = UUID.randomUUID();
        refused("/api/v1/results/" + unknown + "?expires=" + linkExpires.getEpochSecond() + "&signature=" + linkSignature(
                secret(), unknown.toString(), linkExpires.getEpochSecond()), 403, "result_link_invalid");
        String signature = URI.create(url).getQuery().replaceAll(".*signature=([^&]+).*", "$1");
        for (String query : List.of("signature=" + signature, "expires=" + linkExpires.getEpochSecond(),
                "expires=-1&signature=" + signature, "expires=9223372036854775807&signature=" + signature,
                "expires=1e9&signature=" + signature)) {
            refused("/api/v1/results/" + jobId + "?" + query, 403, "result_link_invalid");
        }
        Api.asUser(account.jwt()).post("/api/v1/account/webhook-secret/rotate").then().statusCode(200);
        refused(pathOf(url), 403, "result_link_invalid");
    }

    @Test
    void aFailedAttemptIsRetriedAndARedeliverySendsTheEventAgainWithAFreshLink() throws Exception {
        receiver.answer(500);
        String jobId = uploadAndAwaitCompletion(JobFixtures.config(account, receiver.url(), operations(), "json"));
        Api.withKey(key).post("/api/v1/jobs/" + jobId + "/redeliver").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> postbacksOf(jobId).size() == 3);

        List<PostbackReceiver.Received> sent = postbacksOf(jobId);
        String secret = secret();
        List<String> links = new java.util.ArrayList<>();
        java.util.Set<String> times = new java.util.HashSet<>();
        for (PostbackReceiver.Received postback : sent) {
            assertTrue(postback.signatureValidFor(secret), "every attempt is signed");
            assertEquals("msg_" + jobId.replace("-", ""), postback.header("webhook-id"), "one id for every attempt");
            JsonNode event = JSON.readTree(postback.body());
            times.add(event.path("timestamp").asText());
            links.add(event.path("data").path("result").path("url").asText());
        }
        assertEquals(1, times.size(), "the event's time is when it happened, the same on every attempt: " + times);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("delivery.history.statusCode", equalTo(List.of(500, 200, 200))));
        // the redelivered event's link works as the first one does
        RestAssured.given().get(pathOf(links.get(2))).then().statusCode(200).header("Content-Type", "application/zip");
        RestAssured.given().get(pathOf(links.get(0))).then().statusCode(200);
    }

    @Test
    void aChangedByteFailsTheLibrarysCheck() throws Exception {
        String jobId = uploadAndAwaitCompletion(JobFixtures.config(account, receiver.url(), operations(), "json"));
        PostbackReceiver.Received postback = postbackOf(jobId);
        byte[] tampered = postback.body().clone();
        int at = new String(tampered, StandardCharsets.UTF_8).indexOf("\"configVersion\":1");
        assertTrue(at >= 0, "the body states configVersion 1");
        tampered[at + "\"configVersion\":".length()] = '2';
        ExternalProcess.Result refused = standardWebhooksVerify(secret(), postback.headers(), tampered);
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("No matching signature found"), refused.output());
    }

    @Test
    void aMultipartPostbackPassesARawByteHmacButNotTheLibraryThatReadsItAsText() throws Exception {
        String jobId = uploadAndAwaitCompletion(configId);
        PostbackReceiver.Received postback = receiver.receivedFor(jobId).get(0);
        assertTrue(postback.header("content-type").startsWith("multipart/form-data; boundary="));
        assertTrue(postback.signatureValidFor(secret()), "an HMAC over the raw bytes (written in the test) accepts it");

        ExternalProcess.Result refused = standardWebhooksVerify(secret(), postback.headers(), postback.body());
        assertNotEquals(0, refused.exitCode(), "the README says these libraries cannot verify a binary body");
        assertTrue(refused.output().contains("No matching signature found"), refused.output());
    }

    private String uploadAndAwaitCompletion(String config) {
        String jobId = JobFixtures.upload(key, config, Map.of("a.png", Images.gradient(40, 30, "png"))).then()
                .statusCode(202).extract().path("jobId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")).body("delivery.state", equalTo("delivered")));
        return jobId;
    }

    private PostbackReceiver.Received postbackOf(String jobId) {
        List<PostbackReceiver.Received> mine = postbacksOf(jobId);
        assertEquals(1, mine.size(), "one postback of job " + jobId);
        return mine.get(0);
    }

    private List<PostbackReceiver.Received> postbacksOf(String jobId) {
        return receiver.received().stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains("\"jobId\":\"" + jobId + "\"")).toList();
    }

    private String secret() {
        return Api.asUser(account.jwt()).get("/api/v1/account/webhook-secret").then().statusCode(200).extract().path("secret");
    }

    /** {@code node verify-standard-webhook.js}: the library's verify(body, headers) on the bytes as they arrived. */
    private static ExternalProcess.Result standardWebhooksVerify(String secret, Map<String, String> headers, byte[] body)
            throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "standard-webhooks"));
        Path headersFile = Files.createTempFile(dir, "headers", ".json");
        Path bodyFile = Files.createTempFile(dir, "body", ".bin");
        JSON.writeValue(headersFile.toFile(), Map.of("webhook-id", headers.get("webhook-id"), "webhook-timestamp",
                headers.get("webhook-timestamp"), "webhook-signature", headers.get("webhook-signature")));
        Files.write(bodyFile, body);
        return ExternalProcess.run(List.of("node", Path.of("src/test/node/verify-standard-webhook.js").toAbsolutePath()
                .toString(), secret, headersFile.toAbsolutePath().toString(), bodyFile.toAbsolutePath().toString()),
                dir, Map.of("NODE_PATH", nodeModules.toString()), Duration.ofSeconds(30));
    }

    /**
     * A result link's signature computed here, not by the service: base64url HMAC-SHA256, keyed with the secret's
     * bytes, of {@code imagecogni.result-link.v1:<job id>:<expires>}.
     */
    private static String linkSignature(String secret, String jobId, long expires) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("imagecogni.result-link.v1:" + jobId
                + ":" + expires).getBytes(StandardCharsets.UTF_8)));
    }

    private static void refused(String path, int status, String code) {
        RestAssured.given().get(path).then().statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code));
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
