package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;

/**
 * Requests over the inline limit (4 MiB) are streamed into the database in 1 MiB chunks before the
 * job is written; the worker gets each source back whole, refused uploads leave nothing behind, and
 * housekeeping removes chunks no job refers to.
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
        byte[] small = Images.gradient(64, 48, "png");
        assertTrue(large.length > 4 * CHUNK, "the large source is over the inline limit: " + large.length);

        String jobId = JobFixtures.upload(key, configId, Map.of("large.png", large, "small.png", small)).then()
                .statusCode(202).body("sources", equalTo(2)).extract().path("jobId");

        Row stored = db.one("""
                select count(*) as chunks, sum(length(c.data)) as bytes,
                       count(distinct s.position) filter (where s.content is null) as streamed
                  from job_source s join upload_chunk c on c.upload_id = s.upload_id where s.job_id = $1""", UUID.fromString(jobId));
        assertEquals((large.length + CHUNK - 1) / CHUNK + 1, stored.getLong("chunks"), "1 MiB chunks of each source");
        assertEquals(large.length + small.length, stored.getLong("bytes"));
        assertEquals(2, stored.getLong("streamed"));

        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        Map<String, byte[]> zip = ZipEntries.of(receiver.receivedFor(jobId).get(0).parts().get("outputZipFile").content());
        assertArrayEquals(new int[] { 400, 400 }, Images.size(zip.get("output/400w/large.png")));
        assertArrayEquals(new int[] { 64, 48 }, Images.size(zip.get("output/400w/small.png")));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .body("sources.find { it.name == 'large.png' }.bytes", equalTo(large.length))
                .body("sources.find { it.name == 'large.png' }.status", equalTo("succeeded"));
    }

    @Test
    void aRefusedLargeRequestLeavesNoChunks() {
        TestAccounts.TestAccount account = accounts.create("streamedbroke");
        String key = accounts.createApiKey(account);
        String configId = JobFixtures.config(account, receiver.url(), "[{\"type\": \"rotate\", \"degrees\": 90}]");
        db.query("insert into credit_usage (id, account_id, period_start, used, updated_at) values ($1, $2, $3, 1000, now())",
                UUID.randomUUID(), UUID.fromString(account.accountId()), LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1));
        long before = orphanChunks();

        JobFixtures.upload(key, configId, Map.of("large.png", Images.noisePng(1300, 1300, 8))).then().statusCode(402)
                .body("code", equalTo("insufficient_credits"));
        assertEquals(before, orphanChunks(), "the streamed chunks of a refused upload are removed");
    }

    @Test
    void housekeepingRemovesChunksNoJobRefersToAfterAnHour() {
        UUID old = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        db.query("insert into upload_chunk (upload_id, seq, data, created_at) values ($1, 0, '\\x00', now() - interval '2 hours')", old);
        db.query("insert into upload_chunk (upload_id, seq, data) values ($1, 0, '\\x00')", fresh);

        housekeeping.purge().await().atMost(Duration.ofSeconds(30));

        assertEquals(0, db.one("select count(*) from upload_chunk where upload_id = $1", old).getLong(0));
        assertEquals(1, db.one("select count(*) from upload_chunk where upload_id = $1", fresh).getLong(0),
                "an upload still being stored keeps its chunks");
    }

    private long orphanChunks() {
        return db.one("select count(*) from upload_chunk c where not exists (select 1 from job_source s where s.upload_id = c.upload_id)")
                .getLong(0);
    }
}
