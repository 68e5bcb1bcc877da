package com.imagecogni.delivery;

import com.imagecogni.queue.JobStatus;
import com.imagecogni.queue.WorkKind;
import com.imagecogni.queue.WorkQueue;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.imagecogni.common.ImagecogniConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Starts a job's postback again from the first attempt: only once its delivery has ended (one
 * delivery per job at a time), and at most once per cooldown per account, so redelivery cannot
 * turn one credit into an unbounded stream of large posts. Both rules are decided by conditional
 * writes in one transaction, so concurrent requests cannot both pass.
 */
@ApplicationScoped
public class Redeliveries {

    /** States a job with a result can be in: being delivered, or ended after a delivery. */
    private static final Set<JobStatus> RESULT_STATES = EnumSet.of(JobStatus.DELIVERING, JobStatus.COMPLETED,
            JobStatus.FAILED);

    // a job that is 'delivering' has a delivery pending or in flight: it is not restarted under it. The row lock
    // this takes holds a concurrent request at this statement until the restart committed, then it finds the job
    // delivering; the work queue then gives the job a delivery item with attempts from 0 (and its status)
    private static final String RESTART = """
            update job set delivery_state = 'pending', error = null
             where id = $1 and account_id = $2 and status in ('completed', 'failed')
               and exists (select 1 from job_result r where r.job_id = job.id)
            returning id""";

    private static final String TAKE_TURN = """
            insert into redelivery_cooldown as c (account_id, last_at) values ($1, now())
            on conflict (account_id) do update set last_at = now()
             where c.last_at <= now() - make_interval(secs => $2)
            returning account_id""";

    private static final String WAIT = """
            select greatest(1, ceil(extract(epoch from c.last_at + make_interval(secs => $2) - now())))::bigint as seconds
              from redelivery_cooldown c where c.account_id = $1""";

    private static final String STATUS = """
            select j.status, exists (select 1 from job_result r where r.job_id = j.id) as has_result
              from job j where j.id = $1 and j.account_id = $2""";

    @Inject
    Pool pool;

    @Inject
    ImagecogniConfig config;

    /** What became of a redelivery request. */
    public enum Outcome {
        QUEUED, IN_PROGRESS, COOLING_DOWN, NOT_REDELIVERABLE
    }

    /** The outcome, and for {@link Outcome#COOLING_DOWN} the whole seconds until the account's next turn. */
    public record Result(Outcome outcome, long retryAfterSeconds) {
        static Result of(Outcome outcome) {
            return new Result(outcome, 0);
        }
    }

    /** Thrown inside the transaction to roll the restart back when the account's turn has not come. */
    private static final class CoolingDown extends RuntimeException {
        CoolingDown() {
            super("redelivery cooldown", null, false, false);
        }
    }

    public Uni<Result> redeliver(UUID jobId, UUID accountId) {
        double cooldown = config.postback().redeliverCooldown().toMillis() / 1000.0;
        return pool.withTransaction(connection -> restart(connection, jobId, accountId, cooldown))
                .onFailure(CoolingDown.class).recoverWithUni(() -> pool.preparedQuery(WAIT)
                        .execute(Tuple.of(accountId, cooldown))
                        .map(rows -> new Result(Outcome.COOLING_DOWN, rows.size() == 0 ? 1 : rows.iterator().next().getLong("seconds"))))
                .chain(result -> result.outcome() != Outcome.NOT_REDELIVERABLE ? Uni.createFrom().item(result)
                        : whyNot(jobId, accountId));
    }

    private Uni<Result> restart(SqlConnection connection, UUID jobId, UUID accountId, double cooldown) {
        return connection.preparedQuery(RESTART).execute(Tuple.of(jobId, accountId)).chain(restarted -> {
            if (restarted.rowCount() == 0) {
                return Uni.createFrom().item(Result.of(Outcome.NOT_REDELIVERABLE));
            }
            return WorkQueue.enqueue(connection, jobId, WorkKind.DELIVER, 0, null).chain(() -> takeTurn(connection, accountId, cooldown));
        });
    }

    private Uni<Result> takeTurn(SqlConnection connection, UUID accountId, double cooldown) {
        if (cooldown <= 0) {
            return Uni.createFrom().item(Result.of(Outcome.QUEUED));
        }
        return connection.preparedQuery(TAKE_TURN).execute(Tuple.of(accountId, cooldown)).map(turn -> {
            if (turn.rowCount() == 0) {
                throw new CoolingDown();
            }
            return Result.of(Outcome.QUEUED);
        });
    }

    /**
     * Tells a delivery under way from a job that has nothing to redeliver; the decision itself was
     * made above. A job that looks redeliverable now was not when decided (a concurrent request
     * restarted it, or its first delivery ended since): it was being delivered then.
     */
    private Uni<Result> whyNot(UUID jobId, UUID accountId) {
        return pool.preparedQuery(STATUS).execute(Tuple.of(jobId, accountId)).map(rows -> {
            Row row = rows.size() == 0 ? null : rows.iterator().next();
            boolean delivering = row != null && row.getBoolean("has_result")
                    && RESULT_STATES.contains(JobStatus.fromSql(row.getString("status")));
            return Result.of(delivering ? Outcome.IN_PROGRESS : Outcome.NOT_REDELIVERABLE);
        });
    }
}
