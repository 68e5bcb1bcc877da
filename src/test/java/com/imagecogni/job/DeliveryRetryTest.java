package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;
import com.imagecogni.support.TestAccounts;

import com.imagecogni.queue.WorkKind;
import com.imagecogni.queue.WorkQueue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/** Postback retries (the test profile waits 200 ms between the 4 attempts), 410, redelivery. */
@QuarkusTest
class DeliveryRetryTest {

    @Inject
    TestAccounts accounts;

    @Inject
    com.imagecogni.support.Db db;

    @Inject
    Pool pool;

    PostbackReceiver receiver;
    TestAccounts.TestAccount account;
    String key;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new PostbackReceiver();
        account = accounts.create("retry");
        key = accounts.createApiKey(account);
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void serverErrorsAreRetriedUntilDelivered() {
        receiver.answer(500, 503);
        String jobId = submit();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("delivery.attempts", equalTo(3))
                .body("delivery.history.statusCode", equalTo(java.util.List.of(500, 503, 200)))
                .body("delivery.history.outcome", equalTo(java.util.List.of("failed", "failed", "delivered")));
        // every attempt carries the same webhook-id, so a receiver can drop duplicates
        assertEquals(1, receiver.receivedFor(jobId).stream().map(r -> r.header("webhook-id")).distinct().count());
    }

    @Test
    void goneStopsAtOnceAndTheResultStaysDownloadable() {
        receiver.answerAlways(410);
        String jobId = submit();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("failed")));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("delivery.state", equalTo("gone"))
                .body("delivery.history", hasSize(1)).body("error", equalTo("the postback URL answered 410 Gone; delivery stopped"));
        Api.withKey(key).get("/api/v1/jobs/" + jobId + "/result").then().statusCode(200).contentType("application/zip");
        assertEquals(1, receiver.receivedFor(jobId).size());

        receiver.answerAlways(200);
        Api.withKey(key).post("/api/v1/jobs/" + jobId + "/redeliver").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")).body("delivery.state", equalTo("delivered")));
        assertEquals(2, receiver.receivedFor(jobId).size());
    }

    @Test
    void afterTheLastScheduledAttemptTheJobFailsWithTheReason() {
        receiver.answerAlways(500);
        String jobId = submit();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("failed")));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("delivery.state", equalTo("exhausted"))
                .body("delivery.history", hasSize(4)).body("error", equalTo(
                        "the postback was not delivered after 4 attempts: answered 500"));
    }

    @Test
    void aReceiverThatHangsTimesOutAndIsRetried() {
        receiver.delay(4_000);
        String jobId = submit();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("delivery.history[0].error", equalTo("no answer within the time limit")));
        receiver.delay(0);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));
    }

    @Test
    void aPostbackToAMetadataAddressIsNeverSent() {
        String jobId = submit();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));
        // as if the name had been re-pointed after the configuration was saved
        db.query("update configuration_version set postback_url = 'http://169.254.169.254/latest/meta-data'"
                + " where configuration_id = (select configuration_id from job where id = $1::uuid)", jobId);
        db.query("update job set delivery_state = 'pending' where id = $1::uuid", jobId);
        WorkQueue.enqueue(pool, UUID.fromString(jobId), WorkKind.DELIVER, 0, null).await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("failed")).body("delivery.state", equalTo("exhausted")));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("delivery.history[-1].error",
                equalTo("refused: the host 169.254.169.254 is a cloud metadata address; postbacks must go to a public address"));
    }

    @Test
    void aFailedConnectionNamesTheHostNotTheAddressItResolvedTo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String configId = JobFixtures.config(account, "http://localhost:" + closedPort + "/hook",
                "[{\"type\": \"flip\", \"direction\": \"horizontal\"}]");
        String jobId = JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(32, 32, "png"))).then().statusCode(202)
                .extract().path("jobId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("failed")));
        String body = Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("delivery.history.error", everyItem(startsWith("connection failed: ")))
                .body("delivery.history.error", everyItem(containsString("localhost:" + closedPort)))
                .extract().asString();
        for (InetAddress address : InetAddress.getAllByName("localhost")) {
            assertFalse(body.contains(address.getHostAddress()), "the job status quotes " + address.getHostAddress() + ": " + body);
        }
        assertFalse(body.contains("/127.") || body.contains("::1"), body);
    }

    private String submit() {
        String configId = JobFixtures.config(account, receiver.url(), "[{\"type\": \"flip\", \"direction\": \"horizontal\"}]");
        return JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(32, 32, "png"))).then().statusCode(202)
                .extract().path("jobId");
    }
}
