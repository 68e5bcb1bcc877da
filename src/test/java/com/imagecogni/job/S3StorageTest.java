package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.imagecogni.storage.BlobStore;
import com.imagecogni.storage.S3BlobStore;
import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;
import com.imagecogni.support.S3Server;
import com.imagecogni.support.S3ServerResource;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The whole job flow with {@code imagecogni.storage.type=s3} against a real S3 server (S3Proxy, {@link S3Server}): the
 * bytes are objects in the bucket and none is in PostgreSQL, retention and the orphan sweep remove objects, and the
 * store going away and coming back loses no job and needs no restart.
 */
@QuarkusTest
@TestProfile(S3StorageTest.OnS3.class)
class S3StorageTest {

    /** The S3 store; every upload streamed from its spooled file; a job that found the store away is tried after 500 ms. */
    public static class OnS3 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("imagecogni.limits.inline-upload-bytes", "1024", "imagecogni.storage.unavailable-retry", "500ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ServerResource.class));
        }
    }

    @S3ServerResource.Server
    S3Server server;

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Inject
    BlobStore store;

    @Inject
    RetentionHousekeeping housekeeping;

    PostbackReceiver receiver;
    TestAccounts.TestAccount account;
    String key;

    @BeforeEach
    void customer() throws Exception {
        receiver = new PostbackReceiver();
        account = accounts.create("s3");
        key = accounts.createApiKey(account);
    }

    @AfterEach
    void close() {
        server.restart();
        receiver.close();
    }

    @Test
    void aJobsBytesAreObjectsInTheBucketNoneInTheDatabaseAndRetentionRemovesThem() throws Exception {
        assertInstanceOf(S3BlobStore.class, ((io.quarkus.arc.ClientProxy) store).arc_contextualInstance());
        Api.management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'blob store' }.data.type", equalTo("s3"));
        String configId = config("""
                [{"type": "resize", "sizes": [{"width": 400}, {"width": 200, "height": 200, "fit": "cover"}]},
                 {"type": "convert", "formats": ["png"]}]""");

        String jobId = JobFixtures.upload(key, configId, Map.of("photo.jpg", Images.gradient(800, 600, "jpg"),
                "diagram.png", Images.gradient(640, 480, "png"))).then().statusCode(202).extract().path("jobId");

        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        byte[] zip = receiver.receivedFor(jobId).get(0).parts().get("outputZipFile").content();
        Map<String, byte[]> entries = ZipEntries.of(zip);
        assertEquals(List.of("configuration/test-config.json", "output/400w/photo.png", "output/200x200/photo.png",
                "output/400w/diagram.png", "output/200x200/diagram.png", "manifest.json"), new ArrayList<>(entries.keySet()));
        assertArrayEquals(new int[] { 400, 300 }, Images.size(entries.get("output/400w/photo.png")));
        assertArrayEquals(new int[] { 200, 200 }, Images.size(entries.get("output/200x200/diagram.png")));
        awaitStatus(jobId, "completed");
        assertArrayEquals(zip, Api.withKey(key).get("/api/v1/jobs/" + jobId + "/result").then().statusCode(200)
                .header("Content-Length", String.valueOf(zip.length)).extract().asByteArray(), "streamed from the bucket");

        UUID id = UUID.fromString(jobId);
        String resultKey = db.one("select blob_key from job_result where job_id = $1", id).getString(0);
        assertEquals(List.of(resultKey, JobBlobs.source(id, 1), JobBlobs.source(id, 2)), server.keys(JobBlobs.prefix(id)));
        assertEquals(0, db.one("select count(*) from blob where key like $1", JobBlobs.prefix(id) + "%").getLong(0));
        assertEquals(0, db.one("select coalesce(sum(octet_length(data)), 0) from blob_chunk").getLong(0),
                "PostgreSQL holds no image bytes");
        assertEquals(0, db.one("select count(*) from blob_put").getLong(0));

        // a blob no job owns (an upload refused after its put): the hourly sweep removes it, and nothing of the job's
        String orphan = JobBlobs.source(UUID.randomUUID(), 1);
        store.put(orphan, new byte[] { 1, 2, 3 }).await().atMost(Duration.ofSeconds(10));
        assertTrue(housekeeping.sweepOrphans(Instant.now().plus(Duration.ofHours(2))).await().atMost(Duration.ofSeconds(30)) >= 1);
        assertEquals(List.of(), server.keys(orphan));
        assertEquals(3, server.keys(JobBlobs.prefix(id)).size());

        Instant expiresAt = Instant.parse(Api.withKey(key).get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .body("result.expiresAt", notNullValue()).extract().path("result.expiresAt"));
        housekeeping.purge(expiresAt).await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of(), server.keys(JobBlobs.prefix(id)), "retention removed the job's objects");
        Api.withKey(key).get("/api/v1/jobs/" + jobId + "/result").then().statusCode(404)
                .body("code", equalTo("result_not_available"));
    }

    @Test
    void whileTheStoreIsAwayUploadsAre503AndJobsWaitThenAllCompleteWithoutARestart() throws Exception {
        // two jobs that keep both workers busy for a while, and two that queue behind them
        String slow = config("slow", """
                [{"type": "resize", "sizes": [{"width": 1600}, {"width": 1200}, {"width": 800}]},
                 {"type": "convert", "formats": ["png", "webp"]}]""");
        String fast = config("fast", "[{\"type\": \"resize\", \"sizes\": [{\"width\": 32}]}]");
        byte[] large = Images.gradient(2400, 1800, "png");
        byte[] small = Images.gradient(64, 48, "png");
        String done = JobFixtures.upload(key, fast, Map.of("done.png", small)).then().statusCode(202).extract().path("jobId");
        awaitStatus(done, "completed");
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            jobs.add(JobFixtures.upload(key, slow, Map.of("large-" + i + ".png", large)).then().statusCode(202)
                    .extract().path("jobId"));
        }
        for (int i = 0; i < 2; i++) {
            jobs.add(JobFixtures.upload(key, fast, Map.of("small-" + i + ".png", small)).then().statusCode(202)
                    .extract().path("jobId"));
        }

        server.stop();

        Response refused = JobFixtures.upload(key, fast, Map.of("refused.png", small));
        refused.then().statusCode(503).contentType("application/problem+json").body("code", equalTo("storage_unavailable"))
                .header("Retry-After", "1");
        Api.withKey(key).get("/api/v1/jobs/" + done + "/result").then().statusCode(503)
                .body("code", equalTo("storage_unavailable")).header("Retry-After", "1");
        Api.management().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'blob store' }.status", equalTo("DOWN"));
        // the jobs find the store away, reading a source or storing a result (or, one done already, reading its ZIP
        // for the postback), and go back to wait for it: nothing fails, no attempt counts
        UUID[] ids = jobs.stream().map(UUID::fromString).toArray(UUID[]::new);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.one("select count(*) from job where id = any($1)"
                + " and error like '%the blob store is unavailable%'", (Object) ids).getLong(0) >= 2);
        Thread.sleep(1_000);
        assertEquals(0, db.one("select count(*) from job where id = any($1) and status = 'failed'", (Object) ids).getLong(0),
                "no job failed for the store's absence");
        assertEquals(0, db.one("select count(*) from work_item where job_id = any($1) and attempts > 1", (Object) ids)
                .getLong(0), "tries while the store was away are not counted (3 attempts would have failed the jobs by now)");
        assertEquals(0, db.one("select count(*) from delivery_attempt where job_id = any($1) and outcome <> 'delivered'",
                (Object) ids).getLong(0), "a postback whose ZIP could not be read is no attempt");

        server.restart();

        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.stream().allMatch(id -> !receiver.receivedFor(id).isEmpty()));
        for (String jobId : jobs) {
            awaitStatus(jobId, "completed");
            assertEquals(1, receiver.receivedFor(jobId).size(), "delivered once");
        }
        Map<String, byte[]> entries = ZipEntries.of(receiver.receivedFor(jobs.get(0)).get(0).parts().get("outputZipFile").content());
        assertArrayEquals(new int[] { 1600, 1200 }, Images.size(entries.get("output/1600w/large-0.png")));
        Api.management().get("/q/health/ready").then().statusCode(200);
        JobFixtures.upload(key, fast, Map.of("again.png", small)).then().statusCode(202);
        Api.withKey(key).get("/api/v1/jobs/" + done + "/result").then().statusCode(200);
    }

    private String config(String operations) {
        return config("test-config", operations);
    }

    private String config(String name, String operations) {
        return Api.asUser(account.jwt()).body("{\"name\": \"" + name + "\", \"postbackUrl\": \"" + receiver.url()
                + "\", \"operations\": " + operations + "}").post("/api/v1/configurations").then().statusCode(201)
                .extract().path("id");
    }

    private void awaitStatus(String jobId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .statusCode(200).body("status", equalTo(status)));
    }
}
