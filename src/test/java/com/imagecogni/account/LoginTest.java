package com.imagecogni.account;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Parallel;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Sign-in. Failing attempts come from their own loopback addresses so their throttle counts stay apart. */
@QuarkusTest
class LoginTest {

    @Inject
    TestAccounts accounts;

    @Test
    void correctPasswordGivesABearerToken() {
        TestAccounts.TestAccount account = accounts.create("login");
        Api.json().body(Map.of("email", account.email().toUpperCase(), "password", TestAccounts.PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).body("expiresIn", equalTo(3600)).body("accessToken", notNullValue());
        Api.asUser(account.jwt()).get("/api/v1/account").then().statusCode(200).body("accountId", equalTo(account.accountId()));
    }

    @Test
    void unknownEmailWrongPasswordAndUnverifiedAccountLookTheSame() {
        TestAccounts.TestAccount account = accounts.create("same401");
        String pending = TestAccounts.uniqueEmail("pending");
        TestAccounts.signUp(pending);
        accounts.awaitToken(pending, 1);

        Response wrong = attempt("127.0.0.11", account.email(), "wrong password here");
        Response unknown = attempt("127.0.0.11", TestAccounts.uniqueEmail("nobody"), "wrong password here");
        Response unverified = attempt("127.0.0.11", pending, "wrong password here");
        for (Response r : new Response[] { wrong, unknown, unverified }) {
            assertEquals(401, r.statusCode());
            assertEquals("application/problem+json", r.contentType());
        }
        assertEquals(wrong.asString(), unknown.asString());
        assertEquals(wrong.asString(), unverified.asString());
        assertEquals("invalid_credentials", wrong.jsonPath().getString("code"));
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottled() {
        TestAccounts.TestAccount account = accounts.create("throttle");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, attempt("127.0.0.12", account.email(), "wrong password " + i).statusCode());
        }
        Response blocked = attempt("127.0.0.12", account.email(), "wrong password again");
        assertEquals(429, blocked.statusCode());
        assertEquals("too_many_attempts", blocked.jsonPath().getString("code"));
        long retryAfter = Long.parseLong(blocked.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        // even the right password waits, from any address: the lock is on the account
        assertEquals(429, attempt("127.0.0.13", account.email(), TestAccounts.PASSWORD).statusCode());
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottled() {
        for (int i = 0; i < 20; i++) {
            assertEquals(401, attempt("127.0.0.14", TestAccounts.uniqueEmail("spray"), "wrong password").statusCode());
        }
        Response blocked = attempt("127.0.0.14", TestAccounts.uniqueEmail("spray"), "wrong password");
        assertEquals(429, blocked.statusCode());
        assertTrue(Long.parseLong(blocked.header("Retry-After")) > 0);
        // another address is unaffected
        TestAccounts.TestAccount account = accounts.create("elsewhere");
        assertEquals(200, attempt("127.0.0.15", account.email(), TestAccounts.PASSWORD).statusCode());
    }

    @Test
    void parallelWrongPasswordsForOneAccountGetNoMoreThanTheLimit() {
        TestAccounts.TestAccount account = accounts.create("parallel");
        List<Response> answers = Parallel.run(30, i -> attempt("127.0.1.1", account.email(), "wrong password " + i));
        assertThrottled(answers, 5);
        // the lock is on the account, so the right password from elsewhere waits too
        assertEquals(429, attempt("127.0.1.2", account.email(), TestAccounts.PASSWORD).statusCode());
    }

    @Test
    void parallelWrongPasswordsFromOneAddressGetNoMoreThanTheLimit() {
        List<Response> answers = Parallel.run(30, i -> attempt("127.0.1.3", TestAccounts.uniqueEmail("sprayed"), "wrong"));
        assertThrottled(answers, 20);
    }

    @Test
    void successfulSignInsDoNotUseUpTheAddressesAllowance() {
        TestAccounts.TestAccount account = accounts.create("often");
        for (int i = 0; i < 21; i++) {
            assertEquals(200, attempt("127.0.1.4", account.email(), TestAccounts.PASSWORD).statusCode(), "sign-in " + i);
        }
    }

    @Test
    void missingFieldsAre422() {
        Api.json().body(Map.of("email", "a@b.test")).post("/api/v1/auth/token").then().statusCode(422)
                .body("errors[0].path", equalTo("$.password"));
    }

    /** Exactly {@code limit} answers are 401 (each checked a password); all others 429 with Retry-After. */
    private static void assertThrottled(List<Response> answers, int limit) {
        long unauthorized = answers.stream().filter(r -> r.statusCode() == 401).count();
        List<Response> throttled = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(limit, unauthorized, "401 answers");
        assertEquals(answers.size() - limit, throttled.size(), "429 answers");
        for (Response r : throttled) {
            assertEquals("too_many_attempts", r.jsonPath().getString("code"));
            long retryAfter = Long.parseLong(r.header("Retry-After"));
            assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        }
    }

    private static Response attempt(String from, String email, String password) {
        return Api.from(from).body(Map.of("email", email, "password", password)).post("/api/v1/auth/token");
    }
}
