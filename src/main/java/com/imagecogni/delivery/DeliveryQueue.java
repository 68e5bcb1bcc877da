package com.imagecogni.delivery;

import com.imagecogni.queue.AttemptOutcome;
import com.imagecogni.queue.DeliveryState;
import com.imagecogni.queue.JobStatus;
import com.imagecogni.queue.WorkKind;
import com.imagecogni.queue.WorkQueue;
import com.imagecogni.common.Blocking;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.common.Texts;
import com.imagecogni.storage.BlobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Delivery on the work queue ({@link WorkQueue}, kind {@code deliver}): claim due postbacks, load them, record each attempt. */
@ApplicationScoped
public class DeliveryQueue {

    // reads only: the account's secret was created with the account (sign-up, or migration V9 for older ones)
    private static final String LOAD = """
            select j.id, j.configuration_id, j.configuration_version, j.webhook_id, j.finished_at, j.credits_reserved,
                   j.credits_refunded,
                   extract(epoch from j.retention)::bigint as retention_seconds, v.postback_url, v.postback_format,
                   r.blob_key, r.size, r.sha256, a.webhook_secret as secret,
                   -- a manifest can run to megabytes: read it only for the postback that carries it
                   case when v.postback_format = 'json' then r.manifest end as manifest
              from job j
              join configuration_version v on v.configuration_id = j.configuration_id and v.version = j.configuration_version
              join job_result r on r.job_id = j.id
              join account a on a.id = j.account_id
             where j.id = $1""";

    // what a JSON postback says of each source (json mode only)
    private static final String SOURCES = """
            select position, name, url, size, status, error_reason, error_message, upstream_status
              from job_source where job_id = $1 order by position""";

    private static final String ATTEMPT = """
            insert into delivery_attempt (id, job_id, attempt, started_at, duration_ms, status_code, outcome, error)
            values (gen_random_uuid(), $1, (select count(*) + 1 from delivery_attempt where job_id = $1),
                    now() - make_interval(secs => $2::double precision / 1000), $2, $3, $4, $5)""";

    // the job's own delivery columns, once the work queue took its item on under this replica's lease
    private static final String DELIVERY = """
            update job set delivery_state = $2::varchar,
                           delivered_at = case when $2::varchar = 'delivered' then now() else delivered_at end,
                           error = $3
             where id = $1""";

    @Inject
    Pool pool;

    @Inject
    ImagecogniConfig config;

    @Inject
    BlobStore blobs;

    @Inject
    JobCompletedEvents events;

    @Inject
    Blocking blocking;

    /** A due delivery: the job and which attempt this is (from 1). */
    public record Due(UUID jobId, int attempt) {
    }

    /** Claims up to {@code limit} due deliveries for {@code owner}, leased for {@code lease}. */
    public Uni<List<Due>> claim(String owner, int limit, Duration lease) {
        return WorkQueue.claim(pool, WorkKind.DELIVER, owner, limit, lease, Long.MAX_VALUE, true, null)
                .map(claims -> claims.stream().map(claim -> new Due(claim.jobId(), claim.attempt())).toList());
    }

    /**
     * Takes back the deliveries whose lease ran out by {@code now} (null: the database's clock; a replica died while
     * posting): due again, or exhausted after the last attempt the retry schedule allows.
     */
    public Uni<Long> rescue(Instant now) {
        int max = config.postback().retryDelays().size() + 1;
        return pool.withTransaction(tx -> WorkQueue.rescue(tx, WorkKind.DELIVER, max, now).call(rescued -> {
            Uni<Void> exhausted = Uni.createFrom().voidItem();
            for (WorkQueue.Rescued item : rescued) {
                if (item.givenUp()) {
                    exhausted = exhausted.chain(() -> tx.preparedQuery(DELIVERY).execute(Tuple.of(item.jobId(),
                            DeliveryState.EXHAUSTED.sql(), "the postback was not delivered after " + item.attempts()
                                    + " attempts: the replica sending it stopped")).replaceWithVoid());
                }
            }
            return exhausted;
        })).map(rescued -> rescued.stream().filter(item -> !item.givenUp()).count());
    }

    /**
     * Due again after {@code delay}, the attempt not counted and none recorded: its result ZIP could not be read because
     * the blob store was away, which says nothing about the receiver.
     */
    public Uni<Boolean> postpone(Due due, String owner, Duration delay) {
        return WorkQueue.postpone(pool, WorkKind.DELIVER, due.jobId(), owner, delay, null);
    }

    /**
     * The postback of a job: where it goes, how it is signed, and what it carries — the result ZIP read whole from the
     * blob store (multipart), or the job's facts for a {@code job.completed} event linking to it (json).
     */
    public Uni<PostbackSender.Postback> load(UUID jobId) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(jobId)).chain(rows -> {
            Row row = rows.iterator().next();
            String secret = row.getString("secret");
            if (secret == null) {
                // not created here: a postback signed with a secret its owner never saw would only be refused
                throw new IllegalStateException("the account of job " + jobId + " has no webhook secret");
            }
            Uni<PostbackContent> content = switch (PostbackFormat.fromSql(row.getString("postback_format"))) {
                case MULTIPART -> blobs.readAll(row.getString("blob_key")).map(zip -> PostbackContent.multipart(
                        jobId.toString(), row.getUUID("configuration_id").toString(), zip));
                case JSON -> manifest(row).chain(manifest -> pool.preparedQuery(SOURCES).execute(Tuple.of(jobId))
                        .map(sources -> events.content(facts(row, sources, manifest), secret)));
            };
            return content.map(body -> new PostbackSender.Postback(row.getString("postback_url"),
                    row.getString("webhook_id"), secret, body));
        });
    }

    /**
     * The result's manifest.json: kept beside it, or read from the ZIP for a result recorded by a replica of a version
     * that did not keep it (during a rolling upgrade to V15).
     */
    private Uni<String> manifest(Row row) {
        String kept = row.getString("manifest");
        return kept != null ? Uni.createFrom().item(kept)
                : blobs.readAll(row.getString("blob_key")).chain(zip -> blocking.run(() -> ZipEntries.text(zip, "manifest.json")));
    }

    private static JobCompletedEvents.Facts facts(Row job, RowSet<Row> sourceRows, String manifest) {
        List<JobCompletedEvents.Source> sources = new ArrayList<>();
        for (Row s : sourceRows) {
            String reason = s.getString("error_reason");
            sources.add(new JobCompletedEvents.Source(s.getInteger("position"), s.getString("name"), s.getString("url"),
                    s.getLong("size"), s.getString("status"), reason == null ? null : new JobCompletedEvents.Failure(reason,
                            s.getString("error_message"), s.getInteger("upstream_status"))));
        }
        int reserved = job.getInteger("credits_reserved");
        int refunded = job.getInteger("credits_refunded");
        return new JobCompletedEvents.Facts(job.getUUID("id"), job.getUUID("configuration_id"),
                job.getInteger("configuration_version"), job.getOffsetDateTime("finished_at").toInstant(),
                Duration.ofSeconds(job.getLong("retention_seconds")),
                sources, new JobCompletedEvents.Credits(reserved, refunded, reserved - refunded), job.getLong("size"),
                job.getString("sha256"), manifest);
    }

    /**
     * Records attempt {@code due} made by {@code owner} and what follows: the job completed (delivered), failed
     * (410 Gone, or no attempt left: {@code retryIn} null), or its delivery due again after {@code retryIn}.
     */
    public Uni<Void> record(Due due, String owner, PostbackSender.Outcome outcome, Duration retryIn) {
        AttemptOutcome result = outcome.recorded();
        boolean again = result == AttemptOutcome.FAILED && retryIn != null;
        DeliveryState state = switch (result) {
            case DELIVERED -> DeliveryState.DELIVERED;
            case GONE -> DeliveryState.GONE;
            case FAILED -> again ? DeliveryState.PENDING : DeliveryState.EXHAUSTED;
        };
        String error = switch (state) {
            case DELIVERED, PENDING -> null;
            case GONE -> "the postback URL answered 410 Gone; delivery stopped";
            case EXHAUSTED -> Texts.clip("the postback was not delivered after " + due.attempt() + " attempts: "
                    + (outcome.error() == null ? "" : outcome.error()), 2000);
        };
        UUID jobId = due.jobId();
        return pool.withTransaction(tx -> tx.preparedQuery(ATTEMPT).execute(Tuple.tuple().addValue(jobId)
                .addValue((int) outcome.durationMs()).addValue(outcome.status()).addValue(result.sql())
                .addValue(Texts.clip(outcome.error(), 1000)))
                .chain(() -> again ? WorkQueue.retry(tx, WorkKind.DELIVER, jobId, owner, retryIn, null)
                        : WorkQueue.end(tx, jobId, owner, state == DeliveryState.DELIVERED ? JobStatus.COMPLETED : JobStatus.FAILED))
                .call(held -> held ? tx.preparedQuery(DELIVERY).execute(Tuple.of(jobId, state.sql(), error))
                        : Uni.createFrom().voidItem())
                .replaceWithVoid());
    }
}
