package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
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

import com.imagecogni.queue.WorkKind;
import com.imagecogni.queue.WorkQueue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;

/** The processing queue under contention, by heap, after a worker's death and after failed attempts, with a movable clock. */
@QuarkusTest
class JobQueueTest extends ReceivingCustomerTest {

    @Override
    String operations() {
        return "[{\"type\": \"rotate\", \"degrees\": 180}]";
    }

    @Inject
    JobQueue queue;

    @Inject
    Pool pool;

    @Inject
    BlobStore blobs;

    /** Far enough ahead that no worker of the running app (which claims by the database's clock) takes these jobs. */
    private static final Duration AHEAD = Duration.ofDays(100);

    @Test
    void twoClaimersNeverTakeTheSameJob() {
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(insertJob("queued", null, 0, 0));
        }
        Instant later = Instant.now().plus(AHEAD).plusSeconds(60);
        CompletableFuture<List<UUID>> a = CompletableFuture.supplyAsync(() -> claimAll("claimer-a", later));
        CompletableFuture<List<UUID>> b = CompletableFuture.supplyAsync(() -> claimAll("claimer-b", later));
        List<UUID> byA = a.join();
        List<UUID> byB = b.join();
        Set<UUID> overlap = new HashSet<>(byA);
        overlap.retainAll(byB);
        assertTrue(overlap.isEmpty(), "claimed by both: " + overlap);
        assertEquals(byA.size(), new HashSet<>(byA).size());
        Set<UUID> all = new HashSet<>(byA);
        all.addAll(byB);
        assertTrue(all.containsAll(jobs), "every due job was claimed by one of them");
        for (UUID id : jobs) {
            Row row = db.one("select w.lease_owner, w.attempts, j.status from work_item w join job j on j.id = w.job_id"
                    + " where w.job_id = $1", id);
            assertEquals(byA.contains(id) ? "claimer-a" : "claimer-b", row.getString("lease_owner"));
            assertEquals(1, row.getInteger("attempts"));
            assertEquals("processing", row.getString("status"));
        }
        releaseAndDelete(jobs, "claimer-a", "claimer-b");
    }

    @Test
    void aReplicaClaimsOnlyTheJobsWhoseHeapFitsAndALargeOneWhenIdle() {
        UUID large = insertJob("queued", null, 0, 60);
        UUID larger = insertJob("queued", null, 0, 500);
        UUID small = insertJob("queued", null, 0, 10);
        Instant later = Instant.now().plus(AHEAD).plusSeconds(60);
        try {
            assertEquals(List.of(large), mine(claim("heap-a", 100, false, later), large, larger, small),
                    "60 fits in 100; 60 + 500 does not, and the small job behind does not jump the queue");
            assertEquals(List.of(), mine(claim("heap-a", 40, false, later), large, larger, small),
                    "500 does not fit beside a running job");
            assertEquals(List.of(larger), mine(claim("heap-a", 40, true, later), large, larger, small),
                    "an idle replica takes the next job whatever it needs");
            assertEquals(List.of(small), mine(claim("heap-a", 10, false, later), large, larger, small));
        } finally {
            releaseAndDelete(List.of(large, larger, small), "heap-a");
        }
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenAgainAndDelivered() {
        UUID jobId = insertJob("processing", "dead-replica-1234", 1, 0);
        // the dead replica's lease ran out a minute ago
        db.query("update work_item set lease_until = now() - interval '1 minute' where job_id = $1", jobId);
        assertTrue(queue.rescue(null).await().atMost(Duration.ofSeconds(10)) >= 1);
        assertEquals("the worker processing this job stopped; retrying",
                db.one("select error from job where id = $1", jobId).getString("error"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));
        assertTrue(db.one("select processed_by from job where id = $1", jobId).getString("processed_by") != null);
        assertEquals(1, receiver.receivedFor(jobId.toString()).size());
    }

    @Test
    void aJobOutOfAttemptsFailsAndIsRefundedOnceItsLeaseRunsOut() {
        UUID jobId = insertJob("processing", "dead-replica-5678", 3, 0);
        // its lease is good for another minute by the database's clock: the rescuer, ten minutes on, finds it expired
        queue.rescue(null).await().atMost(Duration.ofSeconds(10));
        assertEquals("processing", db.one("select status from job where id = $1", jobId).getString("status"));
        queue.rescue(Instant.now().plus(Duration.ofMinutes(10))).await().atMost(Duration.ofSeconds(10));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("status", equalTo("failed"))
                .body("credits.charged", equalTo(0)).body("error", equalTo("processing did not complete after 3 attempts"));
        assertEquals(0L, db.one("select count(*) as n from work_item where job_id = $1", jobId).getLong("n"));
    }

    @Test
    void aFailedAttemptWaitsADoublingBackOffAndOnlyTheLastSaysNoAttemptsLeft() {
        UUID jobId = insertJob("processing", "claimer-r", 2, 0);
        assertEquals("queued", queue.retryOrFail(jobId, "claimer-r", 2, "processing failed").await().atMost(Duration.ofSeconds(10)));
        var row = db.one("select j.error, j.status, extract(epoch from w.run_at - now()) as wait, w.lease_owner"
                + " from job j join work_item w on w.job_id = j.id where j.id = $1", jobId);
        assertEquals("processing failed; the job will be retried", row.getString("error"));
        assertEquals("queued", row.getString("status"));
        assertEquals(null, row.getString("lease_owner"));
        double wait = row.getDouble("wait");
        assertTrue(wait > 9 && wait <= 10, "second attempt waits twice the 5 s back-off: " + wait);
        assertEquals("lost", queue.retryOrFail(jobId, "claimer-r", 2, "processing failed").await().atMost(Duration.ofSeconds(10)),
                "a worker that no longer holds the job changes nothing");

        db.query("update work_item set lease_owner = 'claimer-r', lease_until = now() + interval '1 minute', attempts = 3"
                + " where job_id = $1", jobId);
        assertEquals("failed", queue.retryOrFail(jobId, "claimer-r", 3, "processing failed").await().atMost(Duration.ofSeconds(10)));
        assertEquals("processing failed; no attempts left (3 of 3)",
                db.one("select error from job where id = $1", jobId).getString("error"));
    }

    private List<WorkQueue.Claim> claim(String owner, long capacity, boolean idle, Instant now) {
        return WorkQueue.claim(pool, WorkKind.PROCESS, owner, 10, Duration.ofMinutes(1), capacity, idle, now)
                .await().atMost(Duration.ofSeconds(10));
    }

    /** The claimed jobs among {@code ours}, in claim order (a claim this far ahead may also take other tests' jobs). */
    private static List<UUID> mine(List<WorkQueue.Claim> claims, UUID... ours) {
        List<UUID> wanted = List.of(ours);
        return claims.stream().map(WorkQueue.Claim::jobId).filter(wanted::contains).toList();
    }

    private List<UUID> claimAll(String worker, Instant now) {
        List<UUID> claimed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WorkQueue.claim(pool, WorkKind.PROCESS, worker, 3, Duration.ofMinutes(1), Long.MAX_VALUE, true, now)
                    .await().atMost(Duration.ofSeconds(10)).forEach(claim -> claimed.add(claim.jobId()));
        }
        return claimed;
    }

    /**
     * Removes the test's own jobs, then hands back what else the test's claimers took (other tests' jobs run on). In
     * that order: a job released first could be claimed by the running app while it is deleted.
     */
    private void releaseAndDelete(List<UUID> jobs, String... owners) {
        db.query("delete from job where id = any($1)", (Object) jobs.toArray(UUID[]::new));
        for (String owner : owners) {
            WorkQueue.release(pool, WorkKind.PROCESS, owner, null).await().atMost(Duration.ofSeconds(10));
        }
    }

    /**
     * A job row with one real source and its work item, as another replica might have left it: queued (due far
     * ahead, so only a claim with a moved clock takes it) or processing under {@code owner}'s live lease.
     */
    private UUID insertJob(String status, String owner, int attempts, long weight) {
        UUID id = UUID.randomUUID();
        db.query("insert into credit_usage (id, account_id, period_start, used, updated_at) values (gen_random_uuid(),"
                + " $1::uuid, date_trunc('month', now() at time zone 'utc')::date, 1, now())"
                + " on conflict (account_id, period_start) do update set used = credit_usage.used + 1", account.accountId());
        db.query("insert into job (id, account_id, configuration_id, configuration_version, status, sources_count,"
                + " credits_reserved, period_start, webhook_id, created_at)"
                + " values ($1, $2::uuid, $3::uuid, 1, $4, 1, 1, date_trunc('month', now() at time zone 'utc')::date, $5, now())",
                id, account.accountId(), configId, status, "msg_" + id.toString().replace("-", ""));
        byte[] source = Images.gradient(16, 16, "png");
        blobs.put(JobBlobs.source(id, 1), source).await().atMost(Duration.ofSeconds(10));
        db.query("insert into job_source (job_id, position, name, size, status) values ($1, 1, 'a.png', $2, 'pending')",
                id, (long) source.length);
        db.query("insert into work_item (job_id, kind, run_at, attempts, weight, lease_owner, lease_until)"
                + " values ($1, 'process', now() + make_interval(days => $2), $3, $4, $5::varchar,"
                + " case when $5::varchar is null then null else now() + interval '1 minute' end)",
                id, (int) AHEAD.toDays(), attempts, weight, owner);
        return id;
    }

}
