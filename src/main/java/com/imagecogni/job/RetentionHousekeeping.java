package com.imagecogni.job;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.imagecogni.storage.BlobStore;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Purges result ZIPs and source bytes of jobs whose {@code purge_after} has passed (set by the
 * database when a job ends, shown as the status' {@code result.expiresAt}), frees
 * Idempotency-Keys after 24 hours, and removes blobs that no job owns an hour after they were
 * stored (uploads refused or interrupted, jobs deleted with their account) and puts that never completed.
 */
@ApplicationScoped
public class RetentionHousekeeping {

    private static final Logger LOG = Logger.getLogger(RetentionHousekeeping.class);

    /** How long a blob may go without a job: intake puts the sources before it writes the job row. */
    static final Duration ORPHAN_GRACE = Duration.ofHours(1);

    private static final int BATCH = 200;

    private static final int LIST_PAGE = 1000;

    /** Jobs due at $1 (null: the database's clock) whose bytes are still there, a batch at a time. */
    private static final String DUE = """
            select id from job where purge_after <= coalesce($1::timestamptz, now()) and purged_at is null
             order by purge_after limit $2""";

    // the result disappears from the status and GET /result first; the bytes go after, then the job is done with
    private static final String FORGET_RESULTS = "delete from job_result where job_id = any($1)";

    private static final String MARK_PURGED = "update job set purged_at = now() where id = any($1)";

    @Inject
    Pool pool;

    @Inject
    BlobStore blobs;

    @Scheduled(every = "10m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return purge(null);
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant now = Instant.now();
        return sweepOrphans(now).chain(orphans -> blobs.purgeIncomplete(now.minus(ORPHAN_GRACE)).call(incomplete -> {
            if (orphans == 0 && incomplete == 0) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("retention: removed %d blobs no job owns and %d puts that never completed", orphans, incomplete);
            return reclaim();
        })).replaceWithVoid();
    }

    /** Frees what the purge deleted for reuse; a failure is logged, not fatal (autovacuum gets there later). */
    private Uni<Void> reclaim() {
        return blobs.reclaim().onFailure().invoke(failure -> LOG.warnf("retention: space of purged blobs not reclaimed: %s",
                failure.getMessage())).onFailure().recoverWithNull();
    }

    /** Purges as if it were {@code asOf} (null: the database's now), so tests move this clock instead of rewriting rows. */
    Uni<Void> purge(Instant asOf) {
        return purgeDue(asOf == null ? null : asOf.atOffset(ZoneOffset.UTC), 0)
                .call(jobs -> {
                    if (jobs == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("retention: purged the results and sources of %d jobs", jobs);
                    return reclaim();
                })
                .chain(() -> pool.query("update job set idempotency_key = null where idempotency_key is not null"
                        + " and created_at < now() - interval '24 hours'").execute())
                .replaceWithVoid();
    }

    private Uni<Long> purgeDue(OffsetDateTime asOf, long done) {
        return pool.preparedQuery(DUE).execute(Tuple.of(asOf, BATCH)).chain(rows -> {
            List<UUID> jobs = new ArrayList<>();
            rows.forEach(row -> jobs.add(row.getUUID("id")));
            if (jobs.isEmpty()) {
                return Uni.createFrom().item(done);
            }
            UUID[] ids = jobs.toArray(UUID[]::new);
            Uni<Long> batch = pool.preparedQuery(FORGET_RESULTS).execute(Tuple.of((Object) ids))
                    .chain(() -> Multi.createFrom().iterable(jobs)
                            .onItem().transformToUni(job -> blobs.deleteByPrefix(JobBlobs.prefix(job))).merge(4)
                            .collect().last())
                    // only once the bytes are gone: a purge that failed halfway is done again next time
                    .chain(() -> pool.preparedQuery(MARK_PURGED).execute(Tuple.of((Object) ids)))
                    .replaceWith(done + jobs.size());
            return jobs.size() < BATCH ? batch : batch.chain(total -> purgeDue(asOf, total));
        });
    }

    /**
     * Removes, as if it were {@code asOf}, the blobs under {@code jobs/} stored more than {@link #ORPHAN_GRACE} before
     * it whose job does not exist; returns how many. It pages through the keys, so it is run hourly, not with every purge.
     */
    Uni<Long> sweepOrphans(Instant asOf) {
        return sweepPage(asOf.minus(ORPHAN_GRACE), null, 0);
    }

    private Uni<Long> sweepPage(Instant before, String after, long removed) {
        return blobs.listStoredBefore(JobBlobs.ROOT, before, after, LIST_PAGE).chain(keys -> {
            if (keys.isEmpty()) {
                return Uni.createFrom().item(removed);
            }
            Set<UUID> jobs = new HashSet<>();
            keys.forEach(key -> JobBlobs.jobOf(key).ifPresent(jobs::add));
            return pool.preparedQuery("select id from job where id = any($1)").execute(Tuple.of((Object) jobs.toArray(UUID[]::new)))
                    .chain(rows -> {
                        Set<UUID> existing = new HashSet<>();
                        rows.forEach(row -> existing.add(row.getUUID("id")));
                        List<String> orphans = keys.stream()
                                .filter(key -> JobBlobs.jobOf(key).map(job -> !existing.contains(job)).orElse(false)).toList();
                        return blobs.delete(orphans).replaceWith(removed + orphans.size());
                    })
                    .chain(total -> keys.size() < LIST_PAGE ? Uni.createFrom().item(total)
                            : sweepPage(before, keys.get(keys.size() - 1), total));
        });
    }
}
