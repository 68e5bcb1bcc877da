package com.imagecogni.job;

import org.jboss.logging.Logger;

import com.imagecogni.common.ImagecogniConfig;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Purges result ZIPs and source bytes once a finished job is older than the retention period
 * (counted from its last postback attempt), and frees Idempotency-Keys after 24 hours.
 */
@ApplicationScoped
public class RetentionHousekeeping {

    private static final Logger LOG = Logger.getLogger(RetentionHousekeeping.class);

    private static final String EXPIRED = """
            select id from job
             where status in ('completed', 'failed')
               and greatest(finished_at, coalesce((select max(started_at) from delivery_attempt d where d.job_id = job.id),
                                                  finished_at)) < now() - make_interval(secs => $1)""";

    @Inject
    Pool pool;

    @Inject
    ImagecogniConfig config;

    @Scheduled(every = "10m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        Tuple retention = Tuple.of((double) config.jobs().retention().toSeconds());
        return pool.preparedQuery("delete from job_result where job_id in (" + EXPIRED + ")").execute(retention)
                .chain(results -> pool.preparedQuery("update job_source set content = null where content is not null"
                        + " and job_id in (" + EXPIRED + ")").execute(retention)
                        .invoke(sources -> {
                            if (results.rowCount() > 0) {
                                LOG.infof("retention: purged %d results and %d sources", results.rowCount(), sources.rowCount());
                            }
                        }))
                .chain(() -> pool.preparedQuery("delete from upload_chunk where upload_id in (select upload_id from job_source"
                        + " where upload_id is not null and job_id in (" + EXPIRED + "))").execute(retention))
                // chunks of uploads that never became a job (refused, or the replica died while storing them)
                .chain(() -> pool.query("delete from upload_chunk c where c.created_at < now() - interval '1 hour'"
                        + " and not exists (select 1 from job_source s where s.upload_id = c.upload_id)").execute())
                .chain(() -> pool.query("update job set idempotency_key = null where idempotency_key is not null"
                        + " and created_at < now() - interval '24 hours'").execute())
                .replaceWithVoid();
    }
}
