package com.imagecogni.account;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Attempt counters in fixed windows, kept in PostgreSQL so every replica sees the same counts.
 * An attempt is reserved atomically before the expensive or guessable work runs, so parallel
 * requests cannot all pass a check that none of them has counted yet; a success refunds it.
 */
@ApplicationScoped
public class AttemptThrottle {

    // counts the attempt only while the key's window has room; no row back means the key is exhausted
    private static final String RESERVE = """
            insert into login_throttle as t (throttle_key, failures, window_started_at) values ($1, 1, now())
            on conflict (throttle_key) do update set
              failures = case when t.window_started_at > now() - make_interval(secs => $2) then t.failures + 1 else 1 end,
              window_started_at = case when t.window_started_at > now() - make_interval(secs => $2)
                                       then t.window_started_at else now() end
             where t.window_started_at <= now() - make_interval(secs => $2) or t.failures < $3
            returning failures""";

    // now() is this transaction's start: a window opened by a parallel request that started later can look a few
    // milliseconds longer than the window itself, so the answer is capped at the window (a 901 s Retry-After was seen)
    private static final String SECONDS_LEFT = """
            select least(ceil(extract(epoch from window_started_at + make_interval(secs => $2) - now())), ceil($2))::bigint
                   as seconds
              from login_throttle where throttle_key = $1""";

    private static final String REFUND = """
            update login_throttle set failures = failures - 1
             where throttle_key = $1 and failures > 0 and window_started_at > now() - make_interval(secs => $2)""";

    @Inject
    Pool pool;

    @Inject
    ImagecogniConfig config;

    /** A counter to reserve an attempt on ({@code "email:…"}, {@code "address:…"}, …) and the attempts its window allows. */
    public record Budget(String key, int limit) {
    }

    /**
     * Counts one attempt on every budget, or on none: when any is exhausted, fails with 429
     * {@code too_many_attempts} and a Retry-After for when its window ends, and the others are not charged.
     */
    public Uni<Void> reserve(List<Budget> budgets, String what) {
        // one lock order for every caller, so two reservations sharing keys cannot deadlock
        List<Budget> ordered = budgets.stream().sorted(Comparator.comparing(Budget::key)).toList();
        return pool.withTransaction(connection -> reserveEach(connection, ordered, 0, what));
    }

    private Uni<Void> reserveEach(SqlConnection connection, List<Budget> budgets, int index, String what) {
        if (index == budgets.size()) {
            return Uni.createFrom().voidItem();
        }
        Budget budget = budgets.get(index);
        return connection.preparedQuery(RESERVE).execute(Tuple.of(budget.key(), windowSeconds(), budget.limit()))
                .chain(rows -> rows.size() == 1 ? reserveEach(connection, budgets, index + 1, what)
                        : exhausted(connection, budget, what));
    }

    private Uni<Void> exhausted(SqlConnection connection, Budget budget, String what) {
        return connection.preparedQuery(SECONDS_LEFT).execute(Tuple.of(budget.key(), windowSeconds())).map(rows -> {
            long seconds = rows.size() == 0 ? 1 : Math.max(1, rows.iterator().next().getLong("seconds"));
            // thrown inside the transaction, so the budgets reserved before this one are rolled back
            throw ApiException.tooManyRequests("too_many_attempts",
                    "Too many " + what + ". Try again in " + seconds + " seconds.", seconds);
        });
    }

    /** Gives back an attempt reserved in the current window (a success is not a failure to count). */
    public Uni<Void> refund(String key) {
        return pool.preparedQuery(REFUND).execute(Tuple.of(key, windowSeconds())).replaceWithVoid();
    }

    /** Forgets the key's window altogether. */
    public Uni<Void> clear(String key) {
        return pool.preparedQuery("delete from login_throttle where throttle_key = $1").execute(Tuple.of(key)).replaceWithVoid();
    }

    /** Drops windows that have ended; called by the housekeeping job. */
    public Uni<Integer> purgeExpired() {
        return pool.preparedQuery("delete from login_throttle where window_started_at < $1")
                .execute(Tuple.of(OffsetDateTime.now().minus(config.security().throttleWindow())))
                .map(rows -> rows.rowCount());
    }

    private double windowSeconds() {
        return config.security().throttleWindow().toSeconds();
    }
}
