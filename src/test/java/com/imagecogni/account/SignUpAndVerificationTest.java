package com.imagecogni.account;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.imagecogni.common.Hashing;
import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;

@QuarkusTest
class SignUpAndVerificationTest {

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Test
    void newPendingAndExistingEmailsGetTheSameAnswer() {
        String email = TestAccounts.uniqueEmail("enum");
        String first = signUpBody(email);
        accounts.awaitToken(email, 1);
        String pending = signUpBody(email.toUpperCase());
        accounts.awaitToken(email, 2);

        String existingEmail = accounts.create("existing").email();
        String existing = signUpBody(existingEmail);

        assertEquals("{\"status\":\"verification_sent\"}", first);
        assertEquals(first, pending);
        assertEquals(first, existing);
        // the real owner is told the account exists, without a new link
        assertTrue(accounts.awaitMail(existingEmail, 2).getSubject().contains("already exists"));
        assertEquals(2, accounts.mails(existingEmail).size());
    }

    @Test
    void verificationLinkUsesPublicBaseUrlAndTokenIsStoredHashed() {
        String email = TestAccounts.uniqueEmail("link");
        TestAccounts.signUp(email);
        String text = accounts.awaitMail(email, 1).getText();
        // the test profile's public base URL is the test server itself, so links in tests can be followed
        assertTrue(text.contains("http://localhost:" + ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port",
                Integer.class).orElse(8081) + "/verify?token="), text);
        String token = accounts.awaitToken(email, 1);
        assertTrue(token.length() >= 43, "32 random bytes in base64url are 43 characters");

        Row row = db.one("select t.token_hash, a.status, a.plan from verification_token t join account a on a.id = t.account_id"
                + " where a.email = $1", email);
        assertEquals(Hashing.sha256Hex(token), row.getString("token_hash"));
        assertNotEquals(token, row.getString("token_hash"));
        assertEquals("pending", row.getString("status"));
        assertEquals("free", row.getString("plan"));
    }

    @Test
    void theAddressThatVerifiesIsAllowListedNotTheOneThatSignedUp() {
        String email = TestAccounts.uniqueEmail("firstip");
        // someone pre-registers the owner's email from their own address...
        Api.from("127.0.1.21").body(Map.of("email", email)).post("/api/v1/accounts").then().statusCode(202);
        accounts.awaitToken(email, 1);
        // ...then the owner signs up, which mails a fresh link
        Api.from("127.0.1.22").body(Map.of("email", email)).post("/api/v1/accounts").then().statusCode(202);
        String token = accounts.awaitToken(email, 2);
        assertEquals(0, allowListed(email).size(), "nothing is allow-listed before verification");

        Api.from("127.0.1.23").body(Map.of("token", token, "password", TestAccounts.PASSWORD)).post("/api/v1/accounts/verify")
                .then().statusCode(200);
        assertEquals(List.of("127.0.1.23 active"), allowListed(email));
    }

    @Test
    void verifyActivatesOnceAndStoresBcrypt() {
        String email = TestAccounts.uniqueEmail("verify");
        TestAccounts.signUp(email);
        String token = accounts.awaitToken(email, 1);

        Api.json().body(Map.of("token", token, "password", TestAccounts.PASSWORD)).post("/api/v1/accounts/verify")
                .then().statusCode(200).body("email", equalTo(email));
        Row row = db.one("select status, password_hash, verified_at from account where email = $1", email);
        assertEquals("active", row.getString("status"));
        assertTrue(row.getString("password_hash").startsWith("$2"), "bcrypt modular crypt format");
        assertFalse(row.getString("password_hash").contains(TestAccounts.PASSWORD));

        Api.json().body(Map.of("token", token, "password", TestAccounts.PASSWORD)).post("/api/v1/accounts/verify")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_verification_token"));
    }

    @Test
    void shortPasswordIsRefusedWithThePathOfTheField() {
        String email = TestAccounts.uniqueEmail("short");
        TestAccounts.signUp(email);
        String token = accounts.awaitToken(email, 1);
        Api.json().body(Map.of("token", token, "password", "elevenchars")).post("/api/v1/accounts/verify")
                .then().statusCode(422).body("code", equalTo("validation_failed"))
                .body("errors[0].path", equalTo("$.password"));
        // the token was not consumed by the refused attempt
        Api.json().body(Map.of("token", token, "password", "twelve chars")).post("/api/v1/accounts/verify")
                .then().statusCode(200);
    }

    @Test
    void expiredTokenIsRefused() {
        String email = TestAccounts.uniqueEmail("expired");
        TestAccounts.signUp(email);
        String token = accounts.awaitToken(email, 1);
        db.query("update verification_token set expires_at = now() - interval '1 minute' where token_hash = $1",
                Hashing.sha256Hex(token));
        Api.json().body(Map.of("token", token, "password", TestAccounts.PASSWORD)).post("/api/v1/accounts/verify")
                .then().statusCode(400).body("code", equalTo("verification_token_expired"));
        assertNull(db.one("select verified_at from account where email = $1", email).getValue("verified_at"));
    }

    @Test
    void aNewLinkReplacesTheOldOne() {
        String email = TestAccounts.uniqueEmail("relink");
        TestAccounts.signUp(email);
        String old = accounts.awaitToken(email, 1);
        TestAccounts.signUp(email);
        String fresh = accounts.awaitToken(email, 2);
        Api.json().body(Map.of("token", old, "password", TestAccounts.PASSWORD)).post("/api/v1/accounts/verify")
                .then().statusCode(400).body("code", equalTo("invalid_verification_token"));
        Api.json().body(Map.of("token", fresh, "password", TestAccounts.PASSWORD)).post("/api/v1/accounts/verify")
                .then().statusCode(200);
    }

    @Test
    void badSignUpBodies() {
        Api.json().body(Map.of("email", "not-an-email")).post("/api/v1/accounts")
                .then().statusCode(422).body("errors[0].path", equalTo("$.email"));
        Api.json().body("{\"email\": ").post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed_json"));
        Api.json().post("/api/v1/accounts").then().statusCode(422).body("code", equalTo("validation_failed"));
        Api.json().body(Map.of("token", "x".repeat(43))).post("/api/v1/accounts/verify")
                .then().statusCode(422).body("errors[0].path", startsWith("$.password"));
    }

    private List<String> allowListed(String email) {
        List<String> entries = new ArrayList<>();
        db.query("select i.address, i.active from allowed_ip i join account a on a.id = i.account_id where a.email = $1",
                email).forEach(row -> entries.add(row.getString("address") + (row.getBoolean("active") ? " active" : "")));
        return entries;
    }

    private static String signUpBody(String email) {
        return Api.json().body(Map.of("email", email)).post("/api/v1/accounts").then().statusCode(202).extract().asString();
    }
}
