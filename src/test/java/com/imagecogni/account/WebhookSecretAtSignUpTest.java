package com.imagecogni.account;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;

/** The webhook secret is created with the account, in the sign-up transaction; showing it writes nothing. */
@QuarkusTest
class WebhookSecretAtSignUpTest {

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Test
    void aNewAccountHasItsSecretRightAfterSignUp() {
        String email = TestAccounts.uniqueEmail("whsecnew");
        TestAccounts.signUp(email);
        String token = accounts.awaitToken(email, 1);

        Row pending = db.one("select status, webhook_secret from account where email = $1", email);
        assertEquals("pending", pending.getString("status"), "not verified yet");
        String secret = pending.getString("webhook_secret");
        assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{43}="), "whsec_ and base64 of 32 bytes: " + secret);
        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);

        String accountId = Api.json().body(Map.of("token", token, "password", TestAccounts.PASSWORD))
                .post("/api/v1/accounts/verify").then().statusCode(200).extract().path("accountId");
        String jwt = TestAccounts.login(email);
        String before = rowVersion(email);
        Api.asUser(jwt).get("/api/v1/account/webhook-secret").then().statusCode(200).body("secret", equalTo(secret));
        assertEquals(before, rowVersion(email), "showing the secret does not write the account row");
        assertEquals(secret, db.one("select webhook_secret from account where id = $1::uuid", accountId)
                .getString("webhook_secret"), "verification keeps the secret");

        String other = accounts.create("whsecother").accountId();
        assertNotEquals(secret, db.one("select webhook_secret from account where id = $1::uuid", other)
                .getString("webhook_secret"));
    }

    @Test
    void rotationStillReplacesTheSecret() {
        TestAccounts.TestAccount account = accounts.create("whsecrotate");
        String first = Api.asUser(account.jwt()).get("/api/v1/account/webhook-secret").then().statusCode(200)
                .extract().path("secret");
        String rotated = Api.asUser(account.jwt()).post("/api/v1/account/webhook-secret/rotate").then().statusCode(200)
                .extract().path("secret");
        assertNotEquals(first, rotated);
        Api.asUser(account.jwt()).get("/api/v1/account/webhook-secret").then().body("secret", equalTo(rotated));
    }

    @Test
    void noAccountCanBeWithoutASecret() {
        assertEquals("NO", db.one("select is_nullable from information_schema.columns where table_name = 'account'"
                + " and column_name = 'webhook_secret'").getString("is_nullable"));
    }

    /** Changes whenever the row is written (a no-op update included). */
    private String rowVersion(String email) {
        return db.one("select xmin::text as v from account where email = $1", email).getString("v");
    }
}
