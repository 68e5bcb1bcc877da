package com.imagecogni.delivery;

import com.imagecogni.queue.AttemptOutcome;
import com.imagecogni.queue.DeliveryState;
import com.imagecogni.queue.JobStatus;
import com.imagecogni.common.Texts;
import com.imagecogni.storage.BlobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The postback side of the queue: claim due deliveries with a short lease, load them, record each attempt. */
@ApplicationScoped
public class DeliveryQueue {

    private static final String CLAIM = """
            update job set delivery_locked_until = now() + make_interval(secs => $2), delivery_attempts = delivery_attempts + 1
             where id in (select id from job where status = 'delivering' and next_delivery_at <= now()
                             and (delivery_locked_until is null or delivery_locked_until < now())
                           order by next_delivery_at for update skip locked limit $1)
            returning id, delivery_attempts""";

    // reads only: the account's secret was created with the account (sign-up, or migration V9 for older ones)
    private static final String LOAD = """
            select j.id, j.configuration_id, j.webhook_id, v.postback_url, r.blob_key, a.webhook_secret as secret
              from job j
              join configuration_version v on v.configuration_id = j.configuration_id and v.version = j.configuration_version
              join job_result r on r.job_id = j.id
              join account a on a.id = j.account_id
             where j.id = $1""";

    private static final String RECORD = """
            with attempt as (
                insert into delivery_attempt (id, job_id, attempt, started_at, duration_ms, status_code, outcome, error)
                values (gen_random_uuid(), $1, (select count(*) + 1 from delivery_attempt where job_id = $1),
                        now() - make_interval(secs => $2::double precision / 1000), $2, $3, $4, $5)
                returning 1
            )
            update job set delivery_locked_until = null,
                           status = $8,
                           delivery_state = $7,
                           delivered_at = case when $4 = 'delivered' then now() else delivered_at end,
                           next_delivery_at = case when $6::double precision is null then next_delivery_at
                                                   else now() + make_interval(secs => $6::double precision) end,
                           error = case when $4 = 'delivered' then null
                                        when $4 = 'gone' then 'the postback URL answered 410 Gone; delivery stopped'
                                        when $6::double precision is null then 'the postback was not delivered after '
                                             || delivery_attempts || ' attempts: ' || coalesce($5, '')
                                        else null end
             where id = $1 and status = 'delivering'""";

    @Inject
    Pool pool;

    @Inject
    BlobStore blobs;

    /** A due delivery: the job and which attempt this is. */
    public record Due(UUID jobId, int attempt) {
    }

    public Uni<List<Due>> claim(int limit, Duration lease) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, (double) lease.toSeconds())).map(rows -> {
            List<Due> due = new ArrayList<>();
            rows.forEach(row -> due.add(new Due(row.getUUID("id"), row.getInteger("delivery_attempts"))));
            return due;
        });
    }

    /** The postback of a job: where it goes, how it is signed, and the result ZIP, read whole from the blob store. */
    public Uni<PostbackSender.Postback> load(UUID jobId) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(jobId)).chain(rows -> {
            Row row = rows.iterator().next();
            String secret = row.getString("secret");
            if (secret == null) {
                // not created here: a postback signed with a secret its owner never saw would only be refused
                throw new IllegalStateException("the account of job " + jobId + " has no webhook secret");
            }
            return blobs.readAll(row.getString("blob_key")).map(zip -> new PostbackSender.Postback(
                    row.getString("postback_url"), row.getString("webhook_id"), secret, row.getUUID("id").toString(),
                    row.getUUID("configuration_id").toString(), zip));
        });
    }

    /** Records an attempt; {@code retryIn} null means no further attempt (delivered, gone or exhausted). */
    public Uni<Void> record(UUID jobId, PostbackSender.Outcome outcome, Duration retryIn) {
        AttemptOutcome result = outcome.recorded();
        Double retrySeconds = outcome.delivered() || outcome.gone() || retryIn == null ? null : retryIn.toMillis() / 1000.0;
        DeliveryState state = switch (result) {
            case DELIVERED -> DeliveryState.DELIVERED;
            case GONE -> DeliveryState.GONE;
            case FAILED -> retrySeconds == null ? DeliveryState.EXHAUSTED : DeliveryState.PENDING;
        };
        JobStatus status = switch (state) {
            case DELIVERED -> JobStatus.COMPLETED;
            case GONE, EXHAUSTED -> JobStatus.FAILED;
            case PENDING -> JobStatus.DELIVERING;
        };
        return pool.preparedQuery(RECORD).execute(Tuple.tuple().addValue(jobId).addValue((int) outcome.durationMs())
                .addValue(outcome.status()).addValue(result.sql()).addValue(Texts.clip(outcome.error(), 1000))
                .addValue(retrySeconds).addValue(state.sql()).addValue(status.sql()))
                .replaceWithVoid();
    }

}
