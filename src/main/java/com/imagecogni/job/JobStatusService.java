package com.imagecogni.job;

import java.util.EnumSet;
import com.imagecogni.queue.JobStatus;
import java.util.List;
import java.util.UUID;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.storage.BlobNotFoundException;
import com.imagecogni.storage.BlobStore;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads jobs for their owner only: another account's job is a 404 on every route. */
@ApplicationScoped
public class JobStatusService {

    /** The stored result (null columns when none) and when a waiting delivery is due (its work item). */
    private static final String RESULT_AND_NEXT_ATTEMPT = """
            select r.job_id as result_job, r.size, r.sha256, w.run_at as next_attempt_at
              from (select $1::uuid as id) j
              left join job_result r on r.job_id = j.id
              left join work_item w on w.job_id = j.id and w.kind = 'deliver'""";

    @Inject
    Pool pool;

    @Inject
    ImagecogniConfig config;

    @Inject
    BlobStore blobs;

    @WithSession
    public Uni<JobView> get(UUID accountId, UUID jobId) {
        return owned(accountId, jobId).chain(job -> JobSource.<JobSource>list("jobId = ?1 order by position", jobId)
                .chain(sources -> DeliveryAttempt.<DeliveryAttempt>list("jobId = ?1 order by attempt", jobId)
                        .chain(attempts -> pool.preparedQuery(RESULT_AND_NEXT_ATTEMPT).execute(Tuple.of(jobId))
                                .map(rows -> view(job, sources, attempts, rows.iterator().next())))));
    }

    @WithSession
    public Uni<JobView.Page> list(UUID accountId, PageRequest request) {
        int first = request.offset();
        return Job.count("accountId", accountId).chain(total -> Job.<Job>find("accountId = ?1 order by createdAt desc, id",
                accountId).range(first, first + request.size() - 1).list().map(jobs -> new JobView.Page(jobs.stream()
                        .map(job -> new JobView.Summary(job.id, job.configurationId, job.status, job.sourcesCount,
                                job.creditsReserved - job.creditsRefunded, job.deliveryState, job.createdAt, job.finishedAt))
                        .toList(), request.page(), request.size(), total)));
    }

    /** The result ZIP, while it is kept: its size, and its bytes streamed from the blob store as they are read. */
    public Uni<BlobStore.Blob> result(UUID accountId, UUID jobId) {
        return resultRow(accountId, jobId, true).chain(row -> blobs.open(row.getString("blob_key")))
                // the row was there and the bytes not: retention took them between the two reads
                .onFailure(BlobNotFoundException.class).transform(e -> ApiException.notFound("result_not_available",
                        "Job " + jobId + " has no result any more; results are kept for "
                                + config.jobs().retention().toHours() + " hours."));
    }

    /** Fails as {@link #result} does when there is no result, without reading the ZIP itself. */
    public Uni<Void> requireResult(UUID accountId, UUID jobId) {
        return resultRow(accountId, jobId, false).replaceWithVoid();
    }

    private Uni<Row> resultRow(UUID accountId, UUID jobId, boolean withKey) {
        return pool.preparedQuery("select j.status, r.job_id as result_job" + (withKey ? ", r.blob_key" : "")
                + " from job j left join job_result r on r.job_id = j.id where j.id = $1 and j.account_id = $2")
                .execute(Tuple.of(jobId, accountId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw notFound(jobId);
                    }
                    Row row = rows.iterator().next();
                    if (row.getValue("result_job") == null) {
                        throw ApiException.notFound("result_not_available", "Job " + jobId + " has no result"
                                + (EnumSet.of(JobStatus.QUEUED, JobStatus.PROCESSING).contains(JobStatus.fromSql(row.getString("status"))) ? " yet." : " any more;"
                                        + " results are kept for " + config.jobs().retention().toHours() + " hours."));
                    }
                    return row;
                });
    }

    private Uni<Job> owned(UUID accountId, UUID jobId) {
        return Job.<Job>find("id = ?1 and accountId = ?2", jobId, accountId).firstResult().onItem().ifNull()
                .failWith(() -> notFound(jobId));
    }

    static ApiException notFound(UUID jobId) {
        return ApiException.notFound("job_not_found", "No job with id " + jobId + ".");
    }

    private JobView view(Job job, List<JobSource> sources, List<DeliveryAttempt> attempts, Row facts) {
        List<JobView.SourceView> sourceViews = sources.stream().map(s -> new JobView.SourceView(s.position, s.name, s.url,
                s.size, s.status, s.errorReason == null ? null : new JobView.Failure(s.errorReason, s.errorMessage,
                        s.upstreamStatus))).toList();
        List<JobView.Attempt> history = attempts.stream().map(a -> new JobView.Attempt(a.attempt, a.startedAt, a.statusCode,
                a.outcome, a.durationMs, a.error)).toList();
        JobView.Delivery delivery = job.finishedAt == null ? null : new JobView.Delivery(job.webhookId, job.deliveryState,
                attempts.size(), facts.getOffsetDateTime("next_attempt_at") == null ? null
                        : facts.getOffsetDateTime("next_attempt_at").toInstant(), job.deliveredAt, history);
        JobView.Result resultView = facts.getValue("result_job") == null ? null : new JobView.Result("/api/v1/jobs/" + job.id
                + "/result", facts.getLong("size"), facts.getString("sha256"), job.purgeAfter);
        boolean running = EnumSet.of(JobStatus.QUEUED, JobStatus.PROCESSING).contains(JobStatus.fromSql(job.status));
        JobView.Progress progress = running ? new JobView.Progress(job.sourcesDone, job.sourcesCount, job.outputsDone,
                job.outputsTotal) : null;
        return new JobView(job.id, job.configurationId, job.configurationVersion, job.status, job.error, job.createdAt,
                job.startedAt, job.finishedAt, new JobView.Credits(job.creditsReserved, job.creditsRefunded,
                        job.creditsReserved - job.creditsRefunded), progress, sourceViews, delivery, resultView);
    }

}
