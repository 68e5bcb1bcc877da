package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.imagecogni.support.Api;
import com.imagecogni.support.ExternalProcess;
import com.imagecogni.support.Images;
import com.imagecogni.support.NodePackages;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The README's postback receivers (examples/), each run as its language runs it, take real postbacks: one signed
 * with the account's secret is accepted, one signed after the secret was rotated is refused with 401. The README
 * shows these files as they are ({@code ReadmeShowsTheReceiversTest}).
 */
@QuarkusTest
class WebhookReceiversTest {

    private static final Path RECEIVERS = Path.of("examples", "receivers").toAbsolutePath();
    private static final Path BUILT = Path.of("target", "receivers").toAbsolutePath();

    /** Each receiver: its postback format, how it is started on a port, and the line it prints for a verified one. */
    enum Receiver {
        NODE_EXPRESS("multipart", "verified msg_"),
        NODE_STANDARD_WEBHOOKS("json", "sha256 ok"),
        PYTHON_FLASK("multipart", "verified msg_"),
        PYTHON_FASTAPI("multipart", "verified msg_"),
        GO("multipart", "verified msg_"),
        JAVA("multipart", "signature ok"),
        JAVA_JSON("json", "sha256 ok");

        final String format;
        final String verifiedLine;

        Receiver(String format, String verifiedLine) {
            this.format = format;
            this.verifiedLine = verifiedLine;
        }

        ExternalProcess start(int port, String secret) throws Exception {
            Map<String, String> env = Map.of("PORT", Integer.toString(port), "IMAGECOGNI_WEBHOOK_SECRET", secret);
            Path log = BUILT.resolve(name().toLowerCase() + "-" + port + ".log");
            return switch (this) {
                case NODE_EXPRESS, NODE_STANDARD_WEBHOOKS -> {
                    Path node = RECEIVERS.resolve("node");
                    NodePackages.installed(node);
                    yield ExternalProcess.start(List.of("node", this == NODE_EXPRESS ? "express-receiver.js"
                            : "json-receiver.js"), node, env, log);
                }
                // Debian's python3, which has Flask and FastAPI from its packages (.ci/run installs them)
                case PYTHON_FLASK -> ExternalProcess.start(List.of("/usr/bin/python3", "-m", "flask", "--app",
                        "flask_receiver", "run", "--port", Integer.toString(port)), RECEIVERS.resolve("python"), env, log);
                case PYTHON_FASTAPI -> ExternalProcess.start(List.of("/usr/bin/python3", "-m", "uvicorn",
                        "fastapi_receiver:app", "--port", Integer.toString(port)), RECEIVERS.resolve("python"), env, log);
                case GO -> {
                    Path binary = BUILT.resolve("go-receiver");
                    ExternalProcess.Result build = ExternalProcess.run(List.of("go", "build", "-o", binary.toString(),
                            "receiver.go"), RECEIVERS.resolve("go"), Map.of(), Duration.ofMinutes(3));
                    assertTrue(build.exitCode() == 0, "go build failed:\n" + build.output());
                    yield ExternalProcess.start(List.of(binary.toString()), RECEIVERS, env, log);
                }
                case JAVA, JAVA_JSON -> ExternalProcess.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        RECEIVERS.resolveSibling("PostbackReceiver.java").toString(), Integer.toString(port), secret,
                        Files.createDirectories(BUILT.resolve("java-zips")).toString()), RECEIVERS, env, log);
            };
        }
    }

    @Inject
    TestAccounts accounts;

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void theReceiverAcceptsASignedPostbackAndRefusesOneSignedWithAnotherSecret(Receiver receiver) throws Exception {
        TestAccounts.TestAccount account = accounts.create("receiver-" + receiver.name().toLowerCase().replace('_', '-'));
        String key = accounts.createApiKey(account);
        String secret = Api.asUser(account.jwt()).get("/api/v1/account/webhook-secret").then().extract().path("secret");
        int port = ExternalProcess.freePort();
        try (ExternalProcess process = receiver.start(port, secret).awaitListening(port, Duration.ofSeconds(60))) {
            String configId = JobFixtures.config(account, "http://127.0.0.1:" + port + "/hooks/images",
                    "[{\"type\": \"rotate\", \"degrees\": 90}]", receiver.format);

            String accepted = upload(key, configId);
            awaitFirstAttempt(key, accepted, receiver == Receiver.JAVA || receiver == Receiver.JAVA_JSON ? 200 : 204);
            await().atMost(Duration.ofSeconds(30)).until(() -> process.output().contains(receiver.verifiedLine));
            if (receiver == Receiver.JAVA || receiver == Receiver.JAVA_JSON) {
                assertTrue(Files.size(BUILT.resolve("java-zips").resolve(accepted + ".zip")) > 0, "the ZIP was stored");
            }

            Api.asUser(account.jwt()).post("/api/v1/account/webhook-secret/rotate").then().statusCode(200);
            awaitFirstAttempt(key, upload(key, configId), 401);
            assertTrue(countOf(process.output(), receiver.verifiedLine) == 1,
                    "only the first postback was verified:\n" + process.output());
        }
    }

    /**
     * An event of a job with many sources and sizes carries a manifest of megabytes: the JSON receiver takes it (a body
     * parser left at its 100 KB default would answer 413, and the postback would be retried until it gave up).
     */
    @Test
    void theJsonReceiverTakesTheEventOfAJobWithThousandsOfOutputs() throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        StringBuilder outputs = new StringBuilder();
        for (int i = 0; i < 8000; i++) {
            outputs.append(i == 0 ? "" : ",").append("{\"path\":\"output/").append(i).append("w/photo-").append(i)
                    .append(".webp\",\"format\":\"webp\",\"width\":").append(i).append(",\"height\":").append(i)
                    .append(",\"bytes\":1024,\"sha256\":\"").append("0".repeat(64)).append("\"}");
        }
        byte[] body = ("{\"type\":\"job.completed\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"jobId\":\"big\","
                + "\"status\":\"succeeded\",\"result\":{\"url\":\"http://127.0.0.1:9/none\",\"sha256\":\"0\"},"
                + "\"manifest\":{\"sources\":[{\"outputs\":[" + outputs + "]}]}}}").getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length > 1_000_000, "an event of over a megabyte: " + body.length);
        String id = "msg_big";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));

        int port = ExternalProcess.freePort();
        try (ExternalProcess process = Receiver.NODE_STANDARD_WEBHOOKS.start(port, secret)
                .awaitListening(port, Duration.ofSeconds(60))) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/hooks/images")).header("Content-Type", "application/json")
                    .header("webhook-id", id).header("webhook-timestamp", timestamp).header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, answer.statusCode(), answer.body() + "\n" + process.output());
        }
    }

    private static String upload(String key, String configId) {
        return JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(24, 16, "png"))).then().statusCode(202)
                .extract().path("jobId");
    }

    /** Waits for the job's first postback attempt to be recorded with the receiver's {@code status}. */
    private static void awaitFirstAttempt(String key, String jobId, int status) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("delivery.history[0].statusCode", equalTo(status)));
    }

    private static int countOf(String text, String line) {
        int count = 0;
        for (int i = text.indexOf(line); i >= 0; i = text.indexOf(line, i + 1)) {
            count++;
        }
        return count;
    }
}
