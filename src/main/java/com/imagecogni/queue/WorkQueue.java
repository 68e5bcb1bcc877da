package com.imagecogni.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one claim / lease / heartbeat / rescue implementation, after river and db-scheduler, for both kinds of work:
 * claim with one UPDATE over FOR UPDATE SKIP LOCKED, a lease its owner's heartbeats keep alive, a rescuer that gives
 * an item whose lease ran out back to the queue or gives up after the kind's last attempt. Every change after the
 * claim checks the lease owner, so a replica that lost its lease changes nothing. Every statement takes {@code now}
 * as a parameter (null: the database's clock), so tests move a clock instead of rewriting rows.
 *
 * <p>The job's status follows its item: {@link WorkKind#waiting()} while the item waits, {@link WorkKind#claimed()}
 * while it is claimed, and a final status when the item ends. Nothing else changes a job's status once it is queued
 * (a redelivery restarts an ended job with {@link #enqueue}). The methods take the {@link SqlClient} to run on, so a
 * caller writes its own columns in the same transaction, after the lease check passed.
 */
public final class WorkQueue {

    private static final String NOW = "coalesce($1::timestamptz, now())";

    // the claim takes due items in order while their weights fit the capacity; the first one fits when $7 (nothing
    // runs on the claiming replica), however heavy, so a large job waits for an idle replica but is never starved
    private static final String CLAIM = """
            with due as (
                select job_id, run_at, weight from work_item
                 where kind = $2 and lease_owner is null and run_at <= {now}
                 order by run_at, job_id for update skip locked limit $4
            ), fitting as (
                select job_id from (select job_id, sum(weight) over (order by run_at, job_id) as total,
                                           row_number() over (order by run_at, job_id) as n from due) d
                 where total <= $6::bigint or (n = 1 and $7::boolean)
            ), claimed as (
                update work_item w set lease_owner = $3, lease_until = {now} + make_interval(secs => $5),
                                       attempts = w.attempts + 1
                  from fitting f where w.job_id = f.job_id
                returning w.job_id, w.attempts, w.weight
            ), status as (
                update job j set status = $8 from claimed c where j.id = c.job_id and j.status <> $8 returning 1
            )
            select job_id, attempts, weight from claimed""".replace("{now}", NOW);

    private static final String HEARTBEAT = """
            update work_item set lease_until = {now} + make_interval(secs => $4)
             where lease_owner = $2 and job_id = any($3)""".replace("{now}", NOW);

    private static final String HAND_ON = """
            with item as (
                update work_item set kind = $4, run_at = {now}, attempts = 0, weight = 0, lease_owner = null,
                                     lease_until = null
                 where job_id = $2 and lease_owner = $3 returning job_id
            ), status as (
                update job j set status = $5 from item i where j.id = i.job_id returning 1
            )
            select count(*) as held from item""".replace("{now}", NOW);

    private static final String RETRY = """
            with item as (
                update work_item set run_at = {now} + make_interval(secs => $4), lease_owner = null, lease_until = null
                 where job_id = $2 and lease_owner = $3 returning job_id
            ), status as (
                update job j set status = $5 from item i where j.id = i.job_id and j.status <> $5 returning 1
            )
            select count(*) as held from item""".replace("{now}", NOW);

    // as RETRY, and the attempt does not count: what stopped it was not the job's doing (its bytes' store was away)
    private static final String POSTPONE = """
            with item as (
                update work_item set run_at = {now} + make_interval(secs => $4), lease_owner = null, lease_until = null,
                                     attempts = greatest(attempts - 1, 0)
                 where job_id = $2 and lease_owner = $3 returning job_id
            ), status as (
                update job j set status = $5 from item i where j.id = i.job_id and j.status <> $5 returning 1
            )
            select count(*) as held from item""".replace("{now}", NOW);

    private static final String END = """
            with item as (
                delete from work_item where job_id = $1 and lease_owner = $2 returning job_id
            ), status as (
                update job j set status = $3 from item i where j.id = i.job_id returning 1
            )
            select count(*) as held from item""";

    private static final String ENQUEUE = """
            with status as (
                update job set status = $4 where id = $2 returning id
            )
            insert into work_item (job_id, kind, run_at, weight) select id, $3::varchar, {now}, $5::bigint from status
            returning job_id""".replace("{now}", NOW);

    private static final String RESCUE = """
            with expired as (
                select job_id, attempts from work_item
                 where kind = $2 and lease_owner is not null and lease_until < {now}
                   for update skip locked
            ), requeued as (
                update work_item w set lease_owner = null, lease_until = null, run_at = {now}
                  from expired e where w.job_id = e.job_id and e.attempts < $3
                returning w.job_id, w.attempts
            ), waiting as (
                update job j set status = $4 from requeued r where j.id = r.job_id and j.status <> $4 returning 1
            ), given_up as (
                delete from work_item w using expired e where w.job_id = e.job_id and e.attempts >= $3
                returning w.job_id, w.attempts
            ), failed as (
                update job j set status = $5 from given_up g where j.id = g.job_id returning 1
            )
            select job_id, attempts, false as given_up from requeued
            union all
            select job_id, attempts, true as given_up from given_up""".replace("{now}", NOW);

    // a replica that stops hands its items back without counting the attempt it could not finish
    private static final String RELEASE = """
            with item as (
                update work_item set lease_owner = null, lease_until = null, run_at = {now},
                                     attempts = greatest(attempts - 1, 0)
                 where kind = $2 and lease_owner = $3 returning job_id
            ), status as (
                update job j set status = $4 from item i where j.id = i.job_id and j.status <> $4 returning 1
            )
            select count(*) as released from item""".replace("{now}", NOW);

    /** The SQL condition "{@code owner} holds the lease of job {@code job}", for statements that write under it. */
    public static String leaseHeld(String job, String owner) {
        return "exists (select 1 from work_item w where w.job_id = " + job + " and w.lease_owner = " + owner + ")";
    }

    private WorkQueue() {
    }

    /** A claimed item: its job, which attempt of its kind this is (from 1), and the weight it reserved. */
    public record Claim(UUID jobId, int attempt, long weight) {
    }

    /** An item whose lease ran out: back in the queue, or given up after its last attempt (its job is now failed). */
    public record Rescued(UUID jobId, int attempts, boolean givenUp) {
    }

    /**
     * Claims up to {@code limit} due items of {@code kind} for {@code owner}, leased for {@code lease}, in due order
     * while their weights add up to at most {@code capacity}; the first fits whatever it weighs when {@code idle}.
     */
    public static Uni<List<Claim>> claim(SqlClient sql, WorkKind kind, String owner, int limit, Duration lease,
            long capacity, boolean idle, Instant now) {
        return sql.preparedQuery(CLAIM).execute(Tuple.tuple().addValue(at(now)).addValue(kind.sql()).addValue(owner)
                .addValue(limit).addValue(seconds(lease)).addValue(capacity).addValue(idle).addValue(kind.claimed().sql()))
                .map(rows -> {
                    List<Claim> claims = new ArrayList<>();
                    rows.forEach(row -> claims.add(new Claim(row.getUUID("job_id"), row.getInteger("attempts"),
                            row.getLong("weight"))));
                    return claims;
                });
    }

    /** Extends the leases {@code owner} holds on {@code jobs} to {@code lease} from now. */
    public static Uni<Void> heartbeat(SqlClient sql, String owner, List<UUID> jobs, Duration lease, Instant now) {
        return sql.preparedQuery(HEARTBEAT).execute(Tuple.of(at(now), owner, jobs.toArray(UUID[]::new), seconds(lease)))
                .replaceWithVoid();
    }

    /** Turns {@code owner}'s item into a due item of {@code next} (attempts from 0); false when the lease was lost. */
    public static Uni<Boolean> handOn(SqlClient sql, UUID jobId, String owner, WorkKind next, Instant now) {
        return sql.preparedQuery(HAND_ON).execute(Tuple.of(at(now), jobId, owner, next.sql(), next.waiting().sql()))
                .map(WorkQueue::held);
    }

    /** Releases {@code owner}'s item to be claimed again after {@code delay}; false when the lease was lost. */
    public static Uni<Boolean> retry(SqlClient sql, WorkKind kind, UUID jobId, String owner, Duration delay, Instant now) {
        return sql.preparedQuery(RETRY).execute(Tuple.of(at(now), jobId, owner, seconds(delay), kind.waiting().sql()))
                .map(WorkQueue::held);
    }

    /**
     * Releases {@code owner}'s item to be claimed again after {@code delay} without counting the attempt it was on (the
     * claim counted it); false when the lease was lost.
     */
    public static Uni<Boolean> postpone(SqlClient sql, WorkKind kind, UUID jobId, String owner, Duration delay, Instant now) {
        return sql.preparedQuery(POSTPONE).execute(Tuple.of(at(now), jobId, owner, seconds(delay), kind.waiting().sql()))
                .map(WorkQueue::held);
    }

    /** Ends {@code owner}'s item: the job has no more work and takes {@code status}; false when the lease was lost. */
    public static Uni<Boolean> end(SqlClient sql, UUID jobId, String owner, JobStatus status) {
        return sql.preparedQuery(END).execute(Tuple.of(jobId, owner, status.sql())).map(WorkQueue::held);
    }

    /** Gives a job with no work item a due item of {@code kind}; false when it has one already or does not exist. */
    public static Uni<Boolean> enqueue(SqlClient sql, UUID jobId, WorkKind kind, long weight, Instant now) {
        return sql.preparedQuery(ENQUEUE).execute(Tuple.of(at(now), jobId, kind.sql(), kind.waiting().sql(), weight))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Takes back every item of {@code kind} whose lease ran out by {@code now}: due again when it has attempts left
     * ({@code maxAttempts} of its kind), else removed with its job failed. The caller records why, in the same
     * transaction, for the items it gave up.
     */
    public static Uni<List<Rescued>> rescue(SqlClient sql, WorkKind kind, int maxAttempts, Instant now) {
        return sql.preparedQuery(RESCUE).execute(Tuple.of(at(now), kind.sql(), maxAttempts, kind.waiting().sql(),
                JobStatus.FAILED.sql())).map(rows -> {
                    List<Rescued> rescued = new ArrayList<>();
                    rows.forEach(row -> rescued.add(new Rescued(row.getUUID("job_id"), row.getInteger("attempts"),
                            row.getBoolean("given_up"))));
                    return rescued;
                });
    }

    /** Hands every item of {@code kind} {@code owner} holds back to the queue, its attempt not counted. */
    public static Uni<Long> release(SqlClient sql, WorkKind kind, String owner, Instant now) {
        return sql.preparedQuery(RELEASE).execute(Tuple.of(at(now), kind.sql(), owner, kind.waiting().sql()))
                .map(rows -> rows.iterator().next().getLong("released"));
    }

    private static boolean held(RowSet<Row> rows) {
        return rows.iterator().next().getLong("held") == 1;
    }

    private static OffsetDateTime at(Instant now) {
        return now == null ? null : now.atOffset(ZoneOffset.UTC);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
