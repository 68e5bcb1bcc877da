package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.imagecogni.storage.BlobStore;
import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;

/**
 * Sources over the inline limit (256 KiB) are streamed from their spooled files into the blob store
 * (1 MiB chunks in PostgreSQL; one chunk in one statement) before the job is written; the worker gets each source back whole,
 * refused uploads leave nothing behind, and housekeeping removes blobs no job owns after an hour.
 */
@QuarkusTest
class StreamedUploadTest {

    private static final int CHUNK = 1024 * 1024;

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Inject
    RetentionHousekeeping housekeeping;

    @Inject
    BlobStore blobs;

    PostbackReceiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = new PostbackReceiver();
    }

    @AfterEach
    void close() throws Exception {
        receiver.close();
    }

    @Test
    void aLargeRequestIsStoredInChunksAndProcessedWhole() throws Exception {
        TestAccounts.TestAccount account = accounts.create("streamed");
        String key = accounts.createApiKey(account);
        String configId = JobFixtures.config(account, receiver.url(), "[{\"type\": \"resize\", \"sizes\": [{\"width\": 400}]}]");
        byte[] large = Images.noisePng(1300, 1300, 7);
        byte[] middle = Images.noisePng(400, 400, 9);
        byte[] small = Images.gradient(64, 48, "png");
        assertTrue(large.length > 4 * CHUNK, "the large source is several chunks: " + large.length);
        assertTrue(middle.length > 256 * 1024 && middle.length < CHUNK, "the middle one is streamed, one chunk: " + middle.length);

        String jobId = JobFixtures.upload(key, configId, Map.of("large.png", large, "middle.png", middle, "small.png", small))
                .then().statusCode(202).body("sources", equalTo(3)).extract().path("jobId");

        Row stored = db.one("""
                select count(*) as chunks, sum(length(c.data)) as bytes, count(distinct b.key) as blobs
                  from blob b join blob_chunk c on c.version = b.version where b.key like $1""",
                "jobs/" + jobId + "/sources/%");
        assertEquals((large.length + CHUNK - 1) / CHUNK + 2, stored.getLong("chunks"), "1 MiB chunks of each source");
        assertEquals(large.length + middle.length + small.length, stored.getLong("bytes"));
        assertEquals(3, stored.getLong("blobs"));

        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        Map<String, byte[]> zip = ZipEntries.of(receiver.receivedFor(jobId).get(0).parts().get("outputZipFile").content());
        assertArrayEquals(new int[] { 400, 400 }, Images.size(zip.get("output/400w/large.png")));
        assertArrayEquals(new int[] { 400, 400 }, Images.size(zip.get("output/400w/middle.png")));
        assertArrayEquals(new int[] { 64, 48 }, Images.size(zip.get("output/400w/small.png")));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .body("sources.find { it.name == 'large.png' }.bytes", equalTo(large.length))
                .body("sources.find { it.name == 'large.png' }.status", equalTo("succeeded"));
    }

    @Test
    void aRefusedLargeRequestLeavesNoBlobs() {
        TestAccounts.TestAccount account = accounts.create("streamedbroke");
        String key = accounts.createApiKey(account);
        String configId = JobFixtures.config(account, receiver.url(), "[{\"type\": \"rotate\", \"degrees\": 90}]");
        db.query("insert into credit_usage (id, account_id, period_start, used, updated_at) values ($1, $2, $3, 1000, now())",
                UUID.randomUUID(), UUID.fromString(account.accountId()), LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1));
        long before = orphanBlobs();

        JobFixtures.upload(key, configId, Map.of("large.png", Images.noisePng(1300, 1300, 8))).then().statusCode(402)
                .body("code", equalTo("insufficient_credits"));
        assertEquals(before, orphanBlobs(), "the streamed sources of a refused upload are removed");
    }

    @Test
    void housekeepingRemovesBlobsNoJobOwnsAfterAnHour() {
        TestAccounts.TestAccount account = accounts.create("orphans");
        String key = accounts.createApiKey(account);
        String configId = JobFixtures.config(account, receiver.url(), "[{\"type\": \"rotate\", \"degrees\": 90}]");
        String jobId = JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(16, 16, "png"))).then()
                .statusCode(202).extract().path("jobId");
        // what a replica that died between putting the sources and writing the job leaves behind
        String orphan = JobBlobs.source(UUID.randomUUID(), 1);
        blobs.put(orphan, new byte[] { 1, 2, 3 }).await().atMost(Duration.ofSeconds(10));

        housekeeping.sweepOrphans(Instant.now()).await().atMost(Duration.ofSeconds(30));
        assertEquals(1, blobCount(orphan), "an upload may still be on its way to becoming a job within the hour");

        // the clock moves, not the rows
        housekeeping.sweepOrphans(Instant.now().plus(Duration.ofHours(2))).await().atMost(Duration.ofSeconds(30));
        assertEquals(0, blobCount(orphan));
        assertEquals(1, blobCount(JobBlobs.source(UUID.fromString(jobId), 1)), "a job's own blobs stay");
    }

    private long blobCount(String key) {
        return db.one("select count(*) from blob where key = $1", key).getLong(0);
    }

    /** Blobs under jobs/ whose job does not exist, and chunks of no blob and no put under way. */
    private long orphanBlobs() {
        return db.one("select count(*) from blob b where b.key like 'jobs/%'"
                + " and not exists (select 1 from job j where j.id::text = split_part(b.key, '/', 2))").getLong(0)
                + db.one("select count(*) from blob_chunk c where not exists (select 1 from blob b where b.version = c.version)"
                        + " and not exists (select 1 from blob_put p where p.version = c.version)").getLong(0);
    }
}
