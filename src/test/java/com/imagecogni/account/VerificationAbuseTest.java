package com.imagecogni.account;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.common.Hashing;
import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.Parallel;
import com.imagecogni.support.TestAccounts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Verification with bogus, used and expired links: refused before any bcrypt (the bcrypt counter
 * of /q/metrics proves it), and throttled per client address. Each test uses its own addresses.
 */
@QuarkusTest
class VerificationAbuseTest {

    @Inject
    TestAccounts accounts;

    @Inject
    MeterRegistry registry;

    @Inject
    Db db;

    @Test
    void bogusTokensCostNoBcryptAndAreThrottledPerAddress() {
        double before = bcrypts();
        for (int i = 0; i < 20; i++) {
            verify("127.0.1.11", Hashing.randomUrlToken(32)).then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("invalid_verification_token"));
        }
        for (int i = 0; i < 4; i++) {
            assertTooManyAttempts(verify("127.0.1.11", Hashing.randomUrlToken(32)));
        }
        assertEquals(before, bcrypts(), "bcrypt runs for 24 unknown tokens");

        String email = TestAccounts.uniqueEmail("throttled");
        TestAccounts.signUp(email);
        String token = accounts.awaitToken(email, 1);
        // the throttle comes before the lookup, so even a valid link waits at that address...
        assertTooManyAttempts(verify("127.0.1.11", token));
        // ...and works from another one, with exactly one bcrypt
        verify("127.0.1.12", token).then().statusCode(200).body("email", equalTo(email));
        assertEquals(before + 1, bcrypts(), "bcrypt runs for one valid token");
    }

    @Test
    void usedAndExpiredTokensCostNoBcrypt() {
        String email = TestAccounts.uniqueEmail("spent");
        TestAccounts.signUp(email);
        String used = accounts.awaitToken(email, 1);
        verify("127.0.1.13", used).then().statusCode(200);
        String expiring = TestAccounts.uniqueEmail("expiring");
        TestAccounts.signUp(expiring);
        String expired = accounts.awaitToken(expiring, 1);
        db.query("update verification_token set expires_at = now() - interval '1 minute' where token_hash = $1",
                Hashing.sha256Hex(expired));

        double before = bcrypts();
        verify("127.0.1.13", used).then().statusCode(400).body("code", equalTo("invalid_verification_token"));
        verify("127.0.1.13", expired).then().statusCode(400).body("code", equalTo("verification_token_expired"));
        assertEquals(before, bcrypts());
    }

    @Test
    void parallelBogusTokensGetNoMoreThanTheLimit() {
        List<Response> answers = Parallel.run(30, i -> verify("127.0.1.14", Hashing.randomUrlToken(32)));
        assertEquals(20, answers.stream().filter(r -> r.statusCode() == 400).count(), "400 answers");
        List<Response> throttled = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(10, throttled.size(), "429 answers");
        throttled.forEach(VerificationAbuseTest::assertTooManyAttempts);
    }

    @Test
    void successfulVerificationsDoNotUseUpTheAddressesAllowance() {
        for (int i = 0; i < 21; i++) {
            String email = TestAccounts.uniqueEmail("office");
            TestAccounts.signUp(email);
            verify("127.0.1.15", accounts.awaitToken(email, 1)).then().statusCode(200);
        }
    }

    private static void assertTooManyAttempts(Response answer) {
        assertEquals(429, answer.statusCode());
        assertEquals("too_many_attempts", answer.jsonPath().getString("code"));
        long retryAfter = Long.parseLong(answer.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
    }

    private static Response verify(String from, String token) {
        return Api.from(from).body(Map.of("token", token, "password", TestAccounts.PASSWORD)).post("/api/v1/accounts/verify");
    }

    private double bcrypts() {
        return registry.find("imagecogni.password.hashes").counters().stream().mapToDouble(Counter::count).sum();
    }
}
