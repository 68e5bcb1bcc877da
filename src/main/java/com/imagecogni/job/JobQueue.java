package com.imagecogni.job;

import com.imagecogni.queue.JobStatus;
import com.imagecogni.queue.SourceStatus;
import com.imagecogni.queue.WorkKind;
import com.imagecogni.queue.WorkQueue;
import java.time.Duration;
import java.time.Instant;
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
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Processing on the work queue ({@link WorkQueue}, kind {@code process}): claims by heap, the job's own columns
 * written under the lease when it finishes or fails (result, per-source outcomes, refunds, the error), capped
 * attempts with a doubling back-off.
 */
@ApplicationScoped
public class JobQueue {

    /**
     * A job's sources in order; their bytes are in the blob store under {@link JobBlobs#source}, except those of a
     * source by URL whose fetch failed (failed before the job is rendered: only a fetch fails a source that early).
     */
    private static final String SOURCES = """
            select s.position, s.name, s.url, s.native_call_at is not null as crashed,
                   s.url is not null and s.status = 'failed' as fetch_failed, s.error_reason, s.error_message,
                   s.upstream_status
              from job_source s where s.job_id = $1 order by s.position""";

    /** The job's sources by URL that no attempt has fetched yet. */
    private static final String TO_FETCH = """
            select s.position, s.url from job_source s
             where s.job_id = $1 and s.url is not null and s.fetched_at is null order by s.position""";

    private static final String FETCHED = """
            update job_source s set fetched_at = now(), size = $3, pixels = $4, upstream_status = null
             where s.job_id = $1 and s.position = $2 and""" + " " + WorkQueue.leaseHeld("$1", "$5");

    private static final String FETCH_FAILED = """
            update job_source s set fetched_at = now(), size = 0, pixels = 0, status = 'failed', error_reason = $3,
                                    error_message = $4, upstream_status = $5
             where s.job_id = $1 and s.position = $2 and""" + " " + WorkQueue.leaseHeld("$1", "$6");


    // the job's own columns once the work queue handed its item on to delivery under this worker's lease
    private static final String FINISH = """
            with j as (
                update job set processed_by = $2, finished_at = now(), credits_refunded = $3, error = null,
                               delivery_state = 'pending', attempts = $10
                 where id = $1
                returning id, account_id, period_start
            ), result as (
                insert into job_result (job_id, blob_key, size, sha256, created_at, manifest)
                select j.id, $4, $11, $5, now(), $12 from j
                on conflict (job_id) do update set blob_key = excluded.blob_key, size = excluded.size,
                                                   sha256 = excluded.sha256, created_at = excluded.created_at,
                                                   manifest = excluded.manifest
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

    // a job that failed for good gets all its credits back
    private static final String FAIL_REFUNDED = """
            with j as (
                update job set finished_at = now(), credits_refunded = credits_reserved, error = $2, attempts = $3
                 where id = $1
                returning account_id, period_start, credits_reserved
            )
            update credit_usage cu set used = greatest(0, cu.used - j.credits_reserved), updated_at = now()
              from j where cu.account_id = j.account_id and cu.period_start = j.period_start""";

    @Inject
    Pool pool;

    @Inject
    ImagecogniConfig config;

    @Inject
    BlobStore blobs;

    /**
     * Claims up to {@code limit} queued jobs whose heap needs fit in {@code freeHeap} (the first one whatever it needs
     * when {@code idle}: nothing else runs here), in queue order.
     */
    public Uni<List<WorkQueue.Claim>> claim(String workerId, int limit, long freeHeap, boolean idle) {
        return WorkQueue.claim(pool, WorkKind.PROCESS, workerId, limit, config.jobs().lease(), freeHeap, idle, null);
    }

    public Uni<Void> heartbeat(String workerId, List<UUID> jobs) {
        return WorkQueue.heartbeat(pool, workerId, jobs, config.jobs().lease(), null);
    }

    /**
     * Takes back the jobs whose lease ran out by {@code now} (null: the database's clock): queued again, or failed
     * with all credits refunded after the last attempt. Returns how many were queued again.
     */
    public Uni<Long> rescue(Instant now) {
        int max = config.jobs().maxAttempts();
        return pool.withTransaction(tx -> WorkQueue.rescue(tx, WorkKind.PROCESS, max, now).call(rescued -> {
            Uni<Void> recorded = Uni.createFrom().voidItem();
            for (WorkQueue.Rescued item : rescued) {
                recorded = recorded.chain(() -> item.givenUp()
                        ? failRefunded(tx, item.jobId(), "processing did not complete after " + item.attempts() + " attempts",
                                item.attempts())
                        : tx.preparedQuery("update job set error = $2, attempts = $3 where id = $1").execute(Tuple.of(
                                item.jobId(), "the worker processing this job stopped; retrying", item.attempts()))
                                .replaceWithVoid());
            }
            return recorded;
        })).map(rescued -> rescued.stream().filter(item -> !item.givenUp()).count());
    }

    /**
     * Records the result (its ZIP already put under {@code resultKey}), per-source outcomes and refunds, and hands the
     * job to delivery — all or nothing, and only while this worker still holds the lease. Returns false when it no
     * longer did (the blob under {@code resultKey} is then the caller's to delete).
     */
    public Uni<Boolean> finish(UUID jobId, String workerId, int attempt, String resultKey, long size, String sha256,
            List<Manifest.Source> sources, String manifestJson, int refund) {
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
                .addValue(attempt).addValue(size).addValue(manifestJson);
        return pool.withTransaction(tx -> WorkQueue.handOn(tx, jobId, workerId, WorkKind.DELIVER, null)
                .chain(held -> !held ? Uni.createFrom().item(false)
                        : tx.preparedQuery(FINISH).execute(args).map(rows -> rows.iterator().next().getLong("finished") == 1)));
    }

    /**
     * After failed attempt {@code attempt}: back to the queue after the back-off ({@code imagecogni.jobs.retry-backoff},
     * doubled for each attempt made), or failed with a full refund at the last attempt; the stored error says which.
     * Answers the job's status afterwards, or "lost" when this worker no longer held the job.
     */
    public Uni<String> retryOrFail(UUID jobId, String workerId, int attempt, String error) {
        int max = config.jobs().maxAttempts();
        String reason = Texts.clip(error, 1900);
        if (attempt < max) {
            Duration backoff = config.jobs().retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
            return pool.withTransaction(tx -> WorkQueue.retry(tx, WorkKind.PROCESS, jobId, workerId, backoff, null)
                    .call(held -> held ? tx.preparedQuery("update job set error = $2, attempts = $3 where id = $1")
                            .execute(Tuple.of(jobId, reason + "; the job will be retried", attempt)) : Uni.createFrom().voidItem())
                    .map(held -> held ? JobStatus.QUEUED.sql() : "lost"));
        }
        return pool.withTransaction(tx -> WorkQueue.end(tx, jobId, workerId, JobStatus.FAILED)
                .call(held -> held ? failRefunded(tx, jobId, reason + "; no attempts left (" + attempt + " of " + max + ")", attempt)
                        : Uni.createFrom().voidItem())
                .map(held -> held ? JobStatus.FAILED.sql() : "lost"));
    }

    /**
     * Back to the queue after {@code delay}, the attempt not counted, with {@code reason} as the job's error: the worker
     * could not read or write the job's bytes because the blob store was away, which is no fault of the job's. Answers
     * false when this worker no longer held the job.
     */
    public Uni<Boolean> postpone(UUID jobId, String workerId, Duration delay, String reason) {
        return pool.withTransaction(tx -> WorkQueue.postpone(tx, WorkKind.PROCESS, jobId, workerId, delay, null)
                .call(held -> held ? tx.preparedQuery("update job set error = $2 where id = $1")
                        .execute(Tuple.of(jobId, Texts.clip(reason, 1900))) : Uni.createFrom().voidItem()));
    }

    /** Hands the jobs {@code workerId} still runs back to the queue (a replica shutting down), attempts not counted. */
    public Uni<Long> release(String workerId) {
        return WorkQueue.release(pool, WorkKind.PROCESS, workerId, null);
    }

    private static Uni<Void> failRefunded(SqlClient sql, UUID jobId, String error, int attempts) {
        return sql.preparedQuery(FAIL_REFUNDED).execute(Tuple.of(jobId, Texts.clip(error, 2000), attempts)).replaceWithVoid();
    }

    /** What a worker needs to run a job: the configuration version and the sources, in upload order. */
    public Uni<JobWork> load(UUID jobId) {
        return pool.preparedQuery("""
                select j.id, j.account_id, j.configuration_id, v.version, v.name, v.postback_url, v.postback_format,
                       v.operations, v.credits_per_source
                  from job j join configuration_version v
                    on v.configuration_id = j.configuration_id and v.version = j.configuration_version
                 where j.id = $1""").execute(Tuple.of(jobId))
                .chain(rows -> pool.preparedQuery(SOURCES).execute(Tuple.of(jobId))
                        .chain(sources -> readSources(jobId, sources).map(contents -> JobWork.of(rows.iterator().next(),
                                sources, contents))));
    }

    /** Each source's bytes from the blob store, one source after the other (null for a source that has none). */
    private Uni<List<byte[]>> readSources(UUID jobId, Iterable<Row> sources) {
        List<byte[]> contents = new ArrayList<>();
        Uni<Void> reads = Uni.createFrom().voidItem();
        for (Row row : sources) {
            if (row.getBoolean("fetch_failed")) {
                reads = reads.invoke(() -> contents.add(null));
                continue;
            }
            String key = JobBlobs.source(jobId, row.getInteger("position"));
            reads = reads.chain(() -> blobs.readAll(key).invoke(contents::add).replaceWithVoid());
        }
        return reads.replaceWith(contents);
    }

    /** A source by URL still to be fetched. */
    public record UrlSource(int position, String url) {
    }

    /** The job's sources by URL that no attempt has fetched yet, in order. */
    public Uni<List<UrlSource>> toFetch(UUID jobId) {
        return pool.preparedQuery(TO_FETCH).execute(Tuple.of(jobId)).map(rows -> {
            List<UrlSource> sources = new ArrayList<>();
            rows.forEach(row -> sources.add(new UrlSource(row.getInteger("position"), row.getString("url"))));
            return sources;
        });
    }

    /**
     * Records that source {@code position}'s bytes are in the blob store ({@code size} bytes, {@code pixels} decoded),
     * while this worker holds the job; false when it no longer does.
     */
    public Uni<Boolean> recordFetched(UUID jobId, int position, String workerId, long size, long pixels) {
        return pool.preparedQuery(FETCHED).execute(Tuple.of(jobId, position, size, pixels, workerId))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Fails source {@code position}, which could not be fetched, while this worker holds the job; false when it no
     * longer does. The failure stands for every later attempt: the source is not fetched again.
     */
    public Uni<Boolean> recordFetchFailed(UUID jobId, int position, String workerId, String reason, String message,
            Integer upstreamStatus) {
        return pool.preparedQuery(FETCH_FAILED).execute(Tuple.tuple().addValue(jobId).addValue(position).addValue(reason)
                .addValue(Texts.clip(message, 1000)).addValue(upstreamStatus).addValue(workerId))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Weighs the job again by its sources as they are now (those by URL fetched: their real sizes), so that a later
     * attempt is admitted by what it really needs rather than the limits intake planned with.
     */
    public Uni<Void> reweigh(UUID jobId, String workerId) {
        return pool.preparedQuery("select size, coalesce(pixels, 0) as pixels from job_source where job_id = $1")
                .execute(Tuple.of(jobId)).chain(rows -> {
                    List<ProcessingMemory.SourceNeed> needs = new ArrayList<>();
                    rows.forEach(row -> needs.add(new ProcessingMemory.SourceNeed(row.getLong("size"), row.getLong("pixels"))));
                    return pool.preparedQuery("update work_item set weight = $2 where job_id = $1 and kind = 'process'"
                            + " and lease_owner = $3").execute(Tuple.of(jobId, ProcessingMemory.need(needs), workerId));
                }).replaceWithVoid();
    }

    /**
     * Marks (or clears) source {@code position} of a job as inside a native decoder, while this worker holds the job.
     * The mark is written before the native call starts, so it survives the process dying in that call.
     */
    public Uni<Void> markNativeCall(UUID jobId, int position, String workerId, boolean inside) {
        return pool.preparedQuery("""
                update job_source s set native_call_at = case when $4 then now() else null end
                 where s.job_id = $1 and s.position = $2 and""" + " " + WorkQueue.leaseHeld("$1", "$3"))
                .execute(Tuple.of(jobId, position, workerId, inside)).replaceWithVoid();
    }


    /**
     * The rows behind a job, read once per attempt.
     *
     * @param crashed per source: an earlier attempt died inside a native decoder of it
     * @param urls per source: the URL it was fetched from, null for an uploaded file
     * @param failures per source: why it failed before rendering (its URL could not be fetched), else null; such a
     *        source has no contents
     */
    public record JobWork(UUID jobId, UUID accountId, UUID configurationId, int version, String configName,
            String postbackUrl, String postbackFormat, String operations, int creditsPerSource, List<String> names, List<byte[]> contents,
            List<Boolean> crashed, List<String> urls, List<Manifest.Error> failures) {

        static JobWork of(Row job, Iterable<Row> sources, List<byte[]> contents) {
            List<String> names = new ArrayList<>();
            List<Boolean> crashed = new ArrayList<>();
            List<String> urls = new ArrayList<>();
            List<Manifest.Error> failures = new ArrayList<>();
            for (Row row : sources) {
                names.add(row.getString("name"));
                crashed.add(row.getBoolean("crashed"));
                urls.add(row.getString("url"));
                failures.add(row.getBoolean("fetch_failed") ? new Manifest.Error(row.getString("error_reason"),
                        row.getString("error_message"), row.getInteger("upstream_status")) : null);
            }
            return new JobWork(job.getUUID("id"), job.getUUID("account_id"), job.getUUID("configuration_id"),
                    job.getInteger("version"), job.getString("name"), job.getString("postback_url"),
                    job.getString("postback_format"), job.getString("operations"), job.getInteger("credits_per_source"), names, contents, crashed, urls,
                    failures);
        }
    }
}
