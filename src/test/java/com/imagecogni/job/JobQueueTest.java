package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Images;
import com.imagecogni.storage.BlobStore;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The queue under contention and after a worker's death. */
@QuarkusTest
class JobQueueTest extends ReceivingCustomerTest {

    @Override
    String operations() {
        return "[{\"type\": \"rotate\", \"degrees\": 180}]";
    }

    @Inject
    JobQueue queue;

    @Inject
    BlobStore blobs;

    @Test
    void twoClaimersNeverTakeTheSameJob() {
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(insertJob("queued", null, "now()"));
        }
        db.query("update job set run_after = now() where id = any($1)", (Object) jobs.toArray(UUID[]::new));
        // the replica's own workers compete too (they wake on their poll: the update sends no NOTIFY)
        CompletableFuture<List<UUID>> a = CompletableFuture.supplyAsync(() -> claimAll("claimer-a"));
        CompletableFuture<List<UUID>> b = CompletableFuture.supplyAsync(() -> claimAll("claimer-b"));
        List<UUID> byA = a.join();
        List<UUID> byB = b.join();
        Set<UUID> overlap = new HashSet<>(byA);
        overlap.retainAll(byB);
        assertTrue(overlap.isEmpty(), "claimed by both: " + overlap);
        assertEquals(byA.size(), new HashSet<>(byA).size());
        assertTrue(byA.size() + byB.size() > 0);
        for (UUID id : byA) {
            assertEquals("claimer-a", db.one("select locked_by from job where id = $1", id).getString("locked_by"));
        }
        // hand them back so the real workers finish them
        db.query("update job set status = 'failed', locked_by = null where locked_by in ('claimer-a', 'claimer-b')");
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenAgainAndDelivered() {
        UUID jobId = insertJob("processing", "dead-replica-1234", "now()");
        db.query("update job set attempts = 1, heartbeat_at = now() - interval '10 minutes' where id = $1", jobId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));
        assertEquals(2, db.one("select attempts from job where id = $1", jobId).getInteger("attempts"));
        assertEquals(1, receiver.receivedFor(jobId.toString()).size());
    }

    @Test
    void aJobOutOfAttemptsFailsAndIsRefunded() {
        UUID jobId = insertJob("processing", "dead-replica-5678", "now()");
        db.query("update job set attempts = 3, heartbeat_at = now() - interval '10 minutes' where id = $1", jobId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("failed")).body("credits.charged", equalTo(0))
                .body("error", equalTo("processing did not complete after 3 attempts")));
    }

    @Test
    void aFailedAttemptWaitsADoublingBackOffAndOnlyTheLastSaysNoAttemptsLeft() {
        UUID jobId = insertJob("processing", "claimer-r", "now()");
        db.query("update job set attempts = 2 where id = $1", jobId);
        assertEquals("queued", queue.retryOrFail(jobId, "claimer-r", "processing failed").await().atMost(Duration.ofSeconds(10)));
        var row = db.one("select error, extract(epoch from run_after - now()) as wait from job where id = $1", jobId);
        assertEquals("processing failed; the job will be retried", row.getString("error"));
        double wait = row.getDouble("wait");
        assertTrue(wait > 9 && wait <= 10, "second attempt waits twice the 5 s back-off: " + wait);

        db.query("update job set status = 'processing', locked_by = 'claimer-r', attempts = 3 where id = $1", jobId);
        assertEquals("failed", queue.retryOrFail(jobId, "claimer-r", "processing failed").await().atMost(Duration.ofSeconds(10)));
        assertEquals("processing failed; no attempts left (3 of 3)",
                db.one("select error from job where id = $1", jobId).getString("error"));
    }

    private List<UUID> claimAll(String worker) {
        List<UUID> claimed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            claimed.addAll(queue.claim(worker, 3).await().atMost(Duration.ofSeconds(10)));
        }
        return claimed;
    }

    /** A job row with one real source, in the given state, as another replica might have left it. */
    private UUID insertJob(String status, String lockedBy, String heartbeat) {
        UUID id = UUID.randomUUID();
        db.query("insert into credit_usage (id, account_id, period_start, used, updated_at) values (gen_random_uuid(),"
                + " $1::uuid, date_trunc('month', now() at time zone 'utc')::date, 1, now())"
                + " on conflict (account_id, period_start) do update set used = credit_usage.used + 1", account.accountId());
        db.query("insert into job (id, account_id, configuration_id, configuration_version, status, sources_count,"
                + " credits_reserved, period_start, webhook_id, run_after, created_at, locked_by, heartbeat_at)"
                + " values ($1, $2::uuid, $3::uuid, 1, $4, 1, 1, date_trunc('month', now() at time zone 'utc')::date, $5,"
                // queued jobs wait an hour until the test releases them all at once
                + " now() + interval '1 hour', now(), $6, " + heartbeat + ")",
                id, account.accountId(), configId, status, "msg_" + id.toString().replace("-", ""), lockedBy);
        byte[] source = Images.gradient(16, 16, "png");
        blobs.put(JobBlobs.source(id, 1), source).await().atMost(Duration.ofSeconds(10));
        db.query("insert into job_source (job_id, position, name, size, status) values ($1, 1, 'a.png', $2, 'pending')",
                id, (long) source.length);
        return id;
    }

}
