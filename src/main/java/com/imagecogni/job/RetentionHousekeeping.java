package com.imagecogni.job;

import java.time.Instant;
import java.time.ZoneOffset;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Purges result ZIPs and source bytes of jobs whose {@code purge_after} has passed (set by the
 * database when a job ends, shown as the status' {@code result.expiresAt}), and frees
 * Idempotency-Keys after 24 hours.
 */
@ApplicationScoped
public class RetentionHousekeeping {

    private static final Logger LOG = Logger.getLogger(RetentionHousekeeping.class);

    /** The jobs due at $1, or at the database's clock when $1 is null. */
    private static final String EXPIRED = "select id from job where purge_after <= coalesce($1::timestamptz, now())";

    @Inject
    Pool pool;

    @Scheduled(every = "10m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return purge(null);
    }

    /** Purges as if it were {@code asOf} (null: the database's now), so tests move this clock instead of rewriting rows. */
    Uni<Void> purge(Instant asOf) {
        Tuple due = Tuple.of(asOf == null ? null : asOf.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery("delete from job_result where job_id in (" + EXPIRED + ")").execute(due)
                .chain(results -> pool.preparedQuery("update job_source set content = null where content is not null"
                        + " and job_id in (" + EXPIRED + ")").execute(due)
                        .invoke(sources -> {
                            if (results.rowCount() > 0) {
                                LOG.infof("retention: purged %d results and %d sources", results.rowCount(), sources.rowCount());
                            }
                        }))
                .chain(() -> pool.preparedQuery("delete from upload_chunk where upload_id in (select upload_id from job_source"
                        + " where upload_id is not null and job_id in (" + EXPIRED + "))").execute(due))
                // chunks of uploads that never became a job (refused, or the replica died while storing them)
                .chain(() -> pool.query("delete from upload_chunk c where c.created_at < now() - interval '1 hour'"
                        + " and not exists (select 1 from job_source s where s.upload_id = c.upload_id)").execute())
                .chain(() -> pool.query("update job set idempotency_key = null where idempotency_key is not null"
                        + " and created_at < now() - interval '24 hours'").execute())
                .replaceWithVoid();
    }
}
