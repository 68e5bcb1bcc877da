package com.imagecogni.account.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.imagecogni.account.AttemptThrottle;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Sign-in throttling on the real counters in PostgreSQL, without booting Quarkus: the limit, the
 * lockout and its Retry-After, the end of the window, and what a success gives back. Each run uses a
 * throw-away schema holding the migration's {@code login_throttle} table; windows are moved into the
 * past by SQL instead of waiting 15 minutes.
 */
class LoginThrottleSqlTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String SCHEMA = "login_throttle_test_" + UUID.randomUUID().toString().replace("-", "");

    private static Vertx vertx;
    private static Pool pool;
    private static LoginThrottle throttle;
    private static AttemptThrottle counters;

    private String email;
    private String address;

    @BeforeAll
    static void schema() throws Exception {
        vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions().setHost(env("PGHOST", "127.0.0.1")).setPort(5432)
                .setDatabase("postgres").setUser(env("PGUSER", "postgres")).setPassword(env("PGPASSWORD", ""))
                .setProperties(Map.of("search_path", SCHEMA));
        pool = PgBuilder.pool().connectingTo(options).with(new PoolOptions().setMaxSize(2)).using(vertx).build();
        pool.query("create schema " + SCHEMA).execute().await().atMost(Duration.ofSeconds(30));
        pool.query(loginThrottleTable()).execute().await().atMost(Duration.ofSeconds(10));

        ImagecogniConfig config = LoginThrottleTest.config(5, 20, WINDOW);
        counters = new AttemptThrottle();
        inject(counters, "pool", pool);
        inject(counters, "config", config);
        throttle = new LoginThrottle();
        throttle.throttle = counters;
        throttle.config = config;
    }

    @AfterAll
    static void dropSchema() {
        if (pool != null) {
            pool.query("drop schema if exists " + SCHEMA + " cascade").execute().await().atMost(Duration.ofSeconds(30));
            pool.close().await().atMost(Duration.ofSeconds(10));
        }
        if (vertx != null) {
            vertx.close().await().atMost(Duration.ofSeconds(10));
        }
    }

    @BeforeEach
    void freshCounters() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        email = "ann-" + run + "@example.test";
        address = "198.51.100." + run;
    }

    @Test
    void fiveFailuresPerEmailThenEveryAttemptIsRefusedForTheRestOfTheWindow() {
        for (int i = 1; i <= 5; i++) {
            reserve(email, address);
        }
        ApiException refused = assertThrows(ApiException.class, () -> reserve(email, address));
        assertEquals(429, refused.status());
        assertEquals("too_many_attempts", refused.code());
        assertTrue(refused.retryAfterSeconds() >= 899 && refused.retryAfterSeconds() <= 900,
                "Retry-After: the rest of the 15 min window, " + refused.retryAfterSeconds());
        // from any other address, too: the lock is on the account
        String elsewhere = address + "-elsewhere";
        assertThrows(ApiException.class, () -> reserve(email, elsewhere));
        assertEquals(5, failures("email:" + email), "refused attempts are not counted");
        // the address counter is charged first (keys in order) and given back when the email's is refused
        assertEquals(5, failures("address:" + address), "a refused attempt costs the address nothing");
        assertEquals(-1, failures("address:" + elsewhere));
    }

    @Test
    void twentyFailuresPerAddressAcrossManyEmails() {
        for (int i = 1; i <= 20; i++) {
            reserve(i + "-" + email, address);
        }
        ApiException refused = assertThrows(ApiException.class, () -> reserve("21-" + email, address));
        assertEquals(429, refused.status());
        assertEquals(-1, failures("email:21-" + email), "a refusal charges neither counter: no row for the email");
        reserve(email, address + "-elsewhere"); // another address still signs in
    }

    @Test
    void retryAfterCountsDownToTheEndOfTheWindow() {
        for (int i = 1; i <= 5; i++) {
            reserve(email, address);
        }
        startWindowAgo("email:" + email, WINDOW.minusSeconds(10));
        long retryAfter = assertThrows(ApiException.class, () -> reserve(email, address)).retryAfterSeconds();
        assertTrue(retryAfter >= 9 && retryAfter <= 10, "10 s of the window left: Retry-After " + retryAfter);
    }

    @Test
    void whenTheWindowEndsTheCountStartsAgainFromOne() {
        for (int i = 1; i <= 5; i++) {
            reserve(email, address);
        }
        startWindowAgo("email:" + email, WINDOW.plusSeconds(1));
        reserve(email, address);
        assertEquals(1, failures("email:" + email), "a new window with this attempt in it");
        for (int i = 2; i <= 5; i++) {
            reserve(email, address);
        }
        assertThrows(ApiException.class, () -> reserve(email, address), "the new window has the same limit");
    }

    @Test
    void aSuccessUnlocksTheAccountAndGivesTheAddressItsAttemptBack() {
        for (int i = 1; i <= 4; i++) {
            reserve(email, address);
        }
        reserve(email, address); // the fifth attempt, with the right password
        throttle.succeeded(email, address).await().atMost(Duration.ofSeconds(10));
        assertEquals(-1, failures("email:" + email), "the email's window is forgotten");
        assertEquals(4, failures("address:" + address), "the address keeps the four failures, not the success");
        for (int i = 1; i <= 5; i++) {
            reserve(email, address);
        }
        assertThrows(ApiException.class, () -> reserve(email, address));
    }

    @Test
    void successesNeverBuildUpCreditAtAnAddress() {
        for (int i = 0; i < 3; i++) {
            throttle.succeeded(email, address).await().atMost(Duration.ofSeconds(10));
        }
        reserve(email, address);
        throttle.succeeded(email, address).await().atMost(Duration.ofSeconds(10));
        throttle.succeeded(email, address).await().atMost(Duration.ofSeconds(10));
        assertEquals(0, failures("address:" + address), "a refund stops at zero");
        for (int i = 1; i <= 20; i++) {
            reserve(i + "-" + email, address);
        }
        assertThrows(ApiException.class, () -> reserve("21-" + email, address), "still 20, not 20 plus the successes");
    }

    @Test
    void aSuccessAfterTheWindowEndedRefundsNothingIntoTheNextOne() {
        reserve(email, address);
        startWindowAgo("address:" + address, WINDOW.plusSeconds(1));
        throttle.succeeded(email, address).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, failures("address:" + address), "the stale window is left for the next attempt to restart");
    }

    private static void reserve(String email, String address) {
        throttle.reserve(email, address).await().atMost(Duration.ofSeconds(10));
    }

    /** The key's count, or -1 without a row. */
    private static int failures(String key) {
        var rows = pool.preparedQuery("select failures from login_throttle where throttle_key = $1").execute(Tuple.of(key))
                .await().atMost(Duration.ofSeconds(10));
        return rows.size() == 0 ? -1 : rows.iterator().next().getInteger("failures");
    }

    private static void startWindowAgo(String key, Duration ago) {
        Row updated = pool.preparedQuery("update login_throttle set window_started_at = now() - make_interval(secs => $2)"
                + " where throttle_key = $1 returning failures").execute(Tuple.of(key, (double) ago.toSeconds()))
                .await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertTrue(updated.getInteger("failures") > 0);
    }

    /** The table as the migration creates it, so the test follows its schema. */
    private static String loginThrottleTable() throws IOException {
        try (InputStream in = LoginThrottleSqlTest.class.getResourceAsStream("/db/migration/V1__foundation.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("create table login_throttle \\([^;]*\\);").matcher(sql);
            assertTrue(m.find(), "the migration creates login_throttle");
            return m.group();
        }
    }

    private static void inject(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
