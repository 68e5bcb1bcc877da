package com.imagecogni.job;

import com.imagecogni.queue.SourceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.imagecogni.common.Texts;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.pipeline.zip.Manifest;
import com.imagecogni.storage.BlobStore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The job queue's SQL, after river and db-scheduler: claim with one UPDATE over FOR UPDATE SKIP
 * LOCKED, a lease kept alive by heartbeats, a rescuer for expired leases, capped attempts. Every
 * write after the claim checks {@code locked_by}, so a replica that lost its lease changes nothing.
 */
@ApplicationScoped
public class JobQueue {

    /** A job's sources in order; their bytes are in the blob store under {@link JobBlobs#source}. */
    private static final String SOURCES = """
            select s.position, s.name, s.native_call_at is not null as crashed
              from job_source s where s.job_id = $1 order by s.position""";


    private static final String CLAIM = """
            update job set status = 'processing', locked_by = $1, locked_at = now(), heartbeat_at = now(),
                           attempts = attempts + 1, started_at = coalesce(started_at, now())
             where id in (select id from job where status = 'queued' and run_after <= now()
                           order by run_after, created_at for update skip locked limit $2)
            returning id""";

    private static final String HEARTBEAT = """
            update job set heartbeat_at = now() where status = 'processing' and locked_by = $1 and id = any($2)""";

    // leases that ran out: back to the queue, or failed with all credits refunded after the last attempt
    private static final String RESCUE = """
            with expired as (
                select id from job where status = 'processing' and heartbeat_at < now() - make_interval(secs => $1)
                for update skip locked
            ), requeued as (
                update job j set status = 'queued', locked_by = null, run_after = now(),
                                 error = 'the worker processing this job stopped; retrying'
                  from expired e where j.id = e.id and j.attempts < $2 returning j.id
            ), failed as (
                update job j set status = 'failed', locked_by = null, finished_at = now(),
                                 credits_refunded = j.credits_reserved,
                                 error = 'processing did not complete after ' || j.attempts || ' attempts'
                  from expired e where j.id = e.id and j.attempts >= $2
                returning j.id, j.account_id, j.period_start, j.credits_reserved
            ), refunds as (
                update credit_usage cu set used = greatest(0, cu.used - f.credits_reserved), updated_at = now()
                  from failed f where cu.account_id = f.account_id and cu.period_start = f.period_start
                returning 1
            )
            select (select count(*) from requeued) as requeued, (select count(*) from failed) as failed""";

    private static final String FINISH = """
            with j as (
                update job set status = 'delivering', locked_by = null, processed_by = $2, finished_at = now(),
                               credits_refunded = $3,
                               error = null, next_delivery_at = now(), delivery_state = 'pending'
                 where id = $1 and locked_by = $2 and status = 'processing'
                returning id, account_id, period_start
            ), result as (
                insert into job_result (job_id, blob_key, size, sha256, created_at)
                select j.id, $4, $10, $5, now() from j
                on conflict (job_id) do update set blob_key = excluded.blob_key, size = excluded.size,
                                                   sha256 = excluded.sha256, created_at = excluded.created_at
                returning 1
            ), sources as (
                update job_source s set status = x.status, error_reason = x.reason, error_message = x.message
                  from j, unnest($6::int[], $7::text[], $8::text[], $9::text[]) as x(position, status, reason, message)
                 where s.job_id = j.id and s.position = x.position
                returning 1
            ), refund as (
                update credit_usage cu set used = greatest(0, cu.used - $3), updated_at = now()
                  from j where $3 > 0 and cu.account_id = j.account_id and cu.period_start = j.period_start
                returning 1
            )
            select count(*) as finished from j""";

    private static final String RETRY_OR_FAIL = """
            with j as (
                update job set status = case when attempts < $3 then 'queued' else 'failed' end,
                               locked_by = null,
                               error = $4 || case when attempts < $3 then '; the job will be retried'
                                                  else '; no attempts left (' || attempts || ' of ' || $3 || ')' end,
                               run_after = now() + make_interval(secs => $5 * power(2, least(attempts - 1, 16))),
                               finished_at = case when attempts < $3 then null else now() end,
                               credits_refunded = case when attempts < $3 then 0 else credits_reserved end
                 where id = $1 and locked_by = $2 and status = 'processing'
                returning id, account_id, period_start, status, credits_refunded
            ), refund as (
                update credit_usage cu set used = greatest(0, cu.used - j.credits_refunded), updated_at = now()
                  from j where j.status = 'failed' and cu.account_id = j.account_id and cu.period_start = j.period_start
                returning 1
            )
            select status from j""";

    @Inject
    Pool pool;

    @Inject
    ImagecogniConfig config;

    @Inject
    BlobStore blobs;

    public Uni<List<UUID>> claim(String workerId, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(workerId, limit)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    public Uni<Void> heartbeat(String workerId, List<UUID> jobs) {
        return pool.preparedQuery(HEARTBEAT).execute(Tuple.of(workerId, jobs.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** Re-queues (or finally fails) jobs whose lease expired; returns how many were re-queued. */
    public Uni<Long> rescue() {
        return pool.preparedQuery(RESCUE)
                .execute(Tuple.of((double) config.jobs().lease().toSeconds(), config.jobs().maxAttempts()))
                .map(rows -> rows.iterator().next().getLong("requeued"));
    }

    /**
     * Records the result (its ZIP already put under {@code resultKey}), per-source outcomes and refunds, and hands the
     * job to delivery — all or nothing, and only while this worker still holds the lease. Returns false when it no
     * longer did (the blob under {@code resultKey} is then the caller's to delete).
     */
    public Uni<Boolean> finish(UUID jobId, String workerId, String resultKey, long size, String sha256,
            List<Manifest.Source> sources, int refund) {
        int n = sources.size();
        Integer[] positions = new Integer[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        String[] messages = new String[n];
        for (int i = 0; i < n; i++) {
            Manifest.Source source = sources.get(i);
            positions[i] = i + 1;
            statuses[i] = (SourceStatus.SUCCEEDED.sql().equals(source.status()) ? SourceStatus.SUCCEEDED : SourceStatus.FAILED).sql();
            reasons[i] = source.error() == null ? null : source.error().reason();
            messages[i] = source.error() == null ? null : Texts.clip(source.error().message(), 1000);
        }
        Tuple args = Tuple.tuple().addValue(jobId).addValue(workerId).addValue(refund)
                .addValue(resultKey)
                .addValue(sha256).addValue(positions).addValue(statuses).addValue(reasons).addValue(messages)
                .addValue(size);
        return pool.preparedQuery(FINISH).execute(args).map(rows -> rows.iterator().next().getLong("finished") == 1);
    }

    /**
     * After a failed attempt: back to the queue after the back-off ({@code imagecogni.jobs.retry-backoff}, doubled for
     * each attempt made), or failed with a full refund at the last attempt; the stored error says which.
     */
    public Uni<String> retryOrFail(UUID jobId, String workerId, String error) {
        return pool.preparedQuery(RETRY_OR_FAIL).execute(Tuple.tuple().addValue(jobId).addValue(workerId)
                .addValue(config.jobs().maxAttempts()).addValue(Texts.clip(error, 1900))
                .addValue(config.jobs().retryBackoff().toMillis() / 1000.0))
                .map(rows -> rows.size() == 0 ? "lost" : rows.iterator().next().getString("status"));
    }

    /** What a worker needs to run a job: the configuration version and the sources, in upload order. */
    public Uni<JobWork> load(UUID jobId) {
        return pool.preparedQuery("""
                select j.id, j.account_id, j.configuration_id, v.version, v.name, v.postback_url, v.operations,
                       v.credits_per_source
                  from job j join configuration_version v
                    on v.configuration_id = j.configuration_id and v.version = j.configuration_version
                 where j.id = $1""").execute(Tuple.of(jobId))
                .chain(rows -> pool.preparedQuery(SOURCES).execute(Tuple.of(jobId))
                        .chain(sources -> readSources(jobId, sources).map(contents -> JobWork.of(rows.iterator().next(),
                                sources, contents))));
    }

    /** Each source's bytes from the blob store, one source after the other. */
    private Uni<List<byte[]>> readSources(UUID jobId, Iterable<Row> sources) {
        List<byte[]> contents = new ArrayList<>();
        Uni<Void> reads = Uni.createFrom().voidItem();
        for (Row row : sources) {
            String key = JobBlobs.source(jobId, row.getInteger("position"));
            reads = reads.chain(() -> blobs.readAll(key).invoke(contents::add).replaceWithVoid());
        }
        return reads.replaceWith(contents);
    }

    /**
     * Marks (or clears) source {@code position} of a job as inside a native decoder, while this worker holds the job.
     * The mark is written before the native call starts, so it survives the process dying in that call.
     */
    public Uni<Void> markNativeCall(UUID jobId, int position, String workerId, boolean inside) {
        return pool.preparedQuery("""
                update job_source s set native_call_at = case when $4 then now() else null end
                  from job j where j.id = s.job_id and s.job_id = $1 and s.position = $2 and j.locked_by = $3""")
                .execute(Tuple.of(jobId, position, workerId, inside)).replaceWithVoid();
    }


    /**
     * The rows behind a job, read once per attempt.
     *
     * @param crashed per source: an earlier attempt died inside a native decoder of it
     */
    public record JobWork(UUID jobId, UUID accountId, UUID configurationId, int version, String configName,
            String postbackUrl, String operations, int creditsPerSource, List<String> names, List<byte[]> contents,
            List<Boolean> crashed) {

        static JobWork of(Row job, Iterable<Row> sources, List<byte[]> contents) {
            List<String> names = new ArrayList<>();
            List<Boolean> crashed = new ArrayList<>();
            for (Row row : sources) {
                names.add(row.getString("name"));
                crashed.add(row.getBoolean("crashed"));
            }
            return new JobWork(job.getUUID("id"), job.getUUID("account_id"), job.getUUID("configuration_id"),
                    job.getInteger("version"), job.getString("name"), job.getString("postback_url"),
                    job.getString("operations"), job.getInteger("credits_per_source"), names, contents, crashed);
        }
    }
}
