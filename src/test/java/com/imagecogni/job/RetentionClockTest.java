package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.support.Api;
import com.imagecogni.support.Images;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;

/**
 * The status' {@code result.expiresAt} is the moment retention deletes the result: both read the
 * job's {@code purge_after}, which the database sets when the job ends. The purge's clock is moved
 * here, not the rows.
 */
@QuarkusTest
class RetentionClockTest extends ReceivingCustomerTest {

    @Inject
    RetentionHousekeeping housekeeping;

    @Inject
    ImagecogniConfig config;

    @Test
    void theResultExpiresExactlyWhenThePurgeDeletesIt() {
        String jobId = upload();
        awaitStatus(jobId, "completed");
        Instant expiresAt = expiresAt(jobId);

        Row job = db.one("select purge_after, delivered_at from job where id = $1", UUID.fromString(jobId));
        assertEquals(instant(job, "purge_after"), expiresAt, "the status shows the column the purge reads");
        assertEquals(instant(job, "delivered_at").plus(config.jobs().retention()), expiresAt,
                "the retention clock started when the delivery ended");

        housekeeping.purge(expiresAt.minus(1, ChronoUnit.MICROS)).await().atMost(Duration.ofSeconds(30));
        Api.withKey(key).get("/api/v1/jobs/" + jobId + "/result").then().statusCode(200);
        assertEquals(1, sourcesWithBytes(jobId), "nothing is purged a microsecond before expiresAt");

        housekeeping.purge(expiresAt).await().atMost(Duration.ofSeconds(30));
        Api.withKey(key).get("/api/v1/jobs/" + jobId + "/result").then().statusCode(404)
                .body("code", equalTo("result_not_available"));
        assertEquals(0, sourcesWithBytes(jobId), "the sources go at expiresAt too");
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().statusCode(200).body("result", nullValue());
    }

    @Test
    void aJobsBytesAreOnlyInTheBlobStoreAndGoWithThePurge() {
        byte[] source = Images.gradient(32, 32, "png");
        String jobId = JobFixtures.upload(key, configId, Map.of("a.png", source)).then().statusCode(202).extract().path("jobId");
        awaitStatus(jobId, "completed");
        UUID id = UUID.fromString(jobId);

        // no table but the blob store's holds bytes any more
        assertEquals(List.of("blob_chunk.data"), db.query("select table_name || '.' || column_name from information_schema.columns"
                + " where table_schema = current_schema() and data_type = 'bytea' order by 1").stream()
                .map(row -> row.getString(0)).toList());
        Row result = db.one("select r.blob_key, r.size, b.size as stored from job_result r join blob b on b.key = r.blob_key"
                + " where r.job_id = $1", id);
        assertTrue(result.getString("blob_key").startsWith("jobs/" + jobId + "/results/"), result.getString("blob_key"));
        assertEquals(result.getLong("size"), result.getLong("stored"));
        assertEquals(source.length, db.one("select size from blob where key = $1", JobBlobs.source(id, 1)).getLong(0));
        assertEquals(2, blobsOf(jobId), "the source and the result");

        housekeeping.purge(expiresAt(jobId)).await().atMost(Duration.ofSeconds(30));

        assertEquals(0, blobsOf(jobId));
        assertEquals(0, db.one("select count(*) from job_result where job_id = $1", id).getLong(0));
        Row job = db.one("select purged_at, status from job where id = $1", id);
        assertNotNull(job.getValue("purged_at"), "a later purge does not visit the job again");
        assertEquals("completed", job.getString("status"), "the job itself is kept");
    }

    @Test
    void aResultBeingDeliveredAgainHasNoExpiryUntilThatDeliveryEnds() {
        String jobId = upload();
        awaitStatus(jobId, "completed");
        Instant first = expiresAt(jobId);

        // every attempt of the redelivery waits a second for a 500: the job is 'delivering' for several seconds
        receiver.delay(1_000).answerAlways(500);
        Api.withKey(key).post("/api/v1/jobs/" + jobId + "/redeliver").then().statusCode(202);
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("status", equalTo("delivering"))
                .body("result", notNullValue()).body("result.expiresAt", nullValue());
        assertNull(db.one("select purge_after from job where id = $1", UUID.fromString(jobId)).getValue("purge_after"));
        housekeeping.purge(first.plus(Duration.ofDays(1))).await().atMost(Duration.ofSeconds(30));
        assertEquals(1, db.one("select count(*) from job_result where job_id = $1", UUID.fromString(jobId)).getLong(0),
                "a result being delivered is not purged, however late the clock");

        // the redelivery runs out of attempts: the job ends as failed, and the clock starts then
        awaitStatus(jobId, "failed");
        Instant second = expiresAt(jobId);
        Row job = db.one("select purge_after, (select max(started_at) from delivery_attempt where job_id = $1) as last_attempt"
                + " from job where id = $1", UUID.fromString(jobId));
        assertEquals(instant(job, "purge_after"), second);
        assertTrue(second.isAfter(first), first + " then " + second);
        assertTrue(!second.minus(config.jobs().retention()).isBefore(instant(job, "last_attempt")),
                "counted from the end of the last attempt: " + second);
    }

    private String upload() {
        return JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(32, 32, "png"))).then().statusCode(202)
                .extract().path("jobId");
    }

    private void awaitStatus(String jobId, String status) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .statusCode(200).body("status", equalTo(status)));
    }

    private Instant expiresAt(String jobId) {
        String text = Api.withKey(key).get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .body("result.expiresAt", notNullValue()).extract().path("result.expiresAt");
        return Instant.parse(text);
    }

    private long sourcesWithBytes(String jobId) {
        return db.one("select count(*) from blob where key like $1", "jobs/" + jobId + "/sources/%").getLong(0);
    }

    private long blobsOf(String jobId) {
        return db.one("select count(*) from blob where key like $1", "jobs/" + jobId + "/%").getLong(0);
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
