package com.imagecogni.account.login;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Counts failed sign-ins per email and per client address in a fixed window, in PostgreSQL so
 * every replica sees the same counts. Past the limit, sign-in answers 429 with Retry-After
 * until the window ends, before any password is checked.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String READ = """
            select throttle_key, failures, window_started_at from login_throttle
             where throttle_key in ($1, $2) and window_started_at > now() - make_interval(secs => $3)""";

    private static final String RECORD = """
            insert into login_throttle (throttle_key, failures, window_started_at) values ($1, 1, now())
            on conflict (throttle_key) do update set
              failures = case when login_throttle.window_started_at > now() - make_interval(secs => $2)
                              then login_throttle.failures + 1 else 1 end,
              window_started_at = case when login_throttle.window_started_at > now() - make_interval(secs => $2)
                              then login_throttle.window_started_at else now() end""";

    @Inject
    Pool pool;

    @Inject
    ImagecogniConfig config;

    static String emailKey(String email) {
        return "email:" + email;
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** Fails with 429 when either the email or the address is over its limit. */
    public Uni<Void> check(String email, String address) {
        Duration window = config.security().throttleWindow();
        return pool.preparedQuery(READ).execute(Tuple.of(emailKey(email), addressKey(address), (double) window.toSeconds()))
                .map(rows -> {
                    long waitSeconds = 0;
                    for (Row row : rows) {
                        boolean byEmail = row.getString("throttle_key").startsWith("email:");
                        int limit = byEmail ? config.security().maxFailuresPerAccount() : config.security().maxFailuresPerAddress();
                        if (row.getInteger("failures") >= limit) {
                            Instant reopens = row.getOffsetDateTime("window_started_at").toInstant().plus(window);
                            waitSeconds = Math.max(waitSeconds, Duration.between(Instant.now(), reopens).toSeconds() + 1);
                        }
                    }
                    if (waitSeconds > 0) {
                        throw ApiException.tooManyRequests("too_many_attempts",
                                "Too many failed sign-ins. Try again in " + waitSeconds + " seconds.", waitSeconds);
                    }
                    return null;
                });
    }

    public Uni<Void> recordFailure(String email, String address) {
        double windowSeconds = config.security().throttleWindow().toSeconds();
        return pool.preparedQuery(RECORD).executeBatch(java.util.List.of(
                Tuple.of(emailKey(email), windowSeconds), Tuple.of(addressKey(address), windowSeconds))).replaceWithVoid();
    }

    /** A successful sign-in clears the email's count (the address keeps its own). */
    public Uni<Void> clear(String email) {
        return pool.preparedQuery("delete from login_throttle where throttle_key = $1").execute(Tuple.of(emailKey(email)))
                .replaceWithVoid();
    }

    /** Drops windows that have ended; called by the housekeeping job. */
    public Uni<Integer> purgeExpired() {
        return pool.preparedQuery("delete from login_throttle where window_started_at < $1")
                .execute(Tuple.of(OffsetDateTime.now().minus(config.security().throttleWindow())))
                .map(rows -> rows.rowCount());
    }
}
