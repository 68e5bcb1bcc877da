package com.imagecogni.account;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.common.Hashing;
import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

@QuarkusTest
class ApiKeyTest {

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Test
    void createdKeyIsShownOnceAndStoredAsSha256() {
        TestAccounts.TestAccount account = accounts.create("keys");
        JsonPath created = Api.asUser(account.jwt()).body(Map.of("name", "shop backend")).post("/api/v1/account/api-keys")
                .then().statusCode(201).body("key", matchesPattern("ick_[0-9A-Za-z]{40}")).body("name", equalTo("shop backend"))
                .extract().jsonPath();
        String key = created.getString("key");
        assertEquals(key.substring(0, 12), created.getString("prefix"));

        String listed = Api.asUser(account.jwt()).get("/api/v1/account/api-keys").then().statusCode(200)
                .body("", hasSize(1)).body("[0].prefix", equalTo(key.substring(0, 12))).body("[0].revoked", equalTo(false))
                .extract().asString();
        assertFalse(listed.contains(key), "the list never shows the key");
        assertEquals(Hashing.sha256Hex(key),
                db.one("select key_hash from api_key where id = $1::uuid", created.getString("id")).getString("key_hash"));
    }

    @Test
    void keyWorksRawOrAsBearerAndRecordsLastUse() {
        TestAccounts.TestAccount account = accounts.create("keyuse");
        String key = accounts.createApiKey(account);
        Api.withKey(key).get("/api/v1/auth/whoami").then().statusCode(200).body("accountId", equalTo(account.accountId()));
        Api.json().header("Authorization", "Bearer " + key).get("/api/v1/auth/whoami").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> Api.asUser(account.jwt()).get("/api/v1/account/api-keys")
                .then().body("[0].lastUsedAt", notNullValue()));
    }

    @Test
    void lastUseIsWrittenOnceAMinuteAtMost() {
        TestAccounts.TestAccount account = accounts.create("keyminute");
        String key = accounts.createApiKey(account);
        String keyId = db.one("select id::text from api_key where key_hash = $1", Hashing.sha256Hex(key)).getString(0);
        db.query("update api_key set last_used_at = now() - interval '30 seconds' where id = $1::uuid", keyId);
        String recent = lastUse(keyId);
        Api.withKey(key).get("/api/v1/auth/whoami").then().statusCode(200);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> lastUse(keyId).equals(recent));

        db.query("update api_key set last_used_at = now() - interval '61 seconds' where id = $1::uuid", keyId);
        String stale = lastUse(keyId);
        Api.withKey(key).get("/api/v1/auth/whoami").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !lastUse(keyId).equals(stale));
    }

    private String lastUse(String keyId) {
        return db.one("select last_used_at::text from api_key where id = $1::uuid", keyId).getString(0);
    }

    @Test
    void revokedKeyStopsAtOnce() {
        TestAccounts.TestAccount account = accounts.create("revoke");
        String key = accounts.createApiKey(account);
        String id = Api.asUser(account.jwt()).get("/api/v1/account/api-keys").then().extract().path("[0].id");
        Api.withKey(key).get("/api/v1/auth/whoami").then().statusCode(200);
        Api.asUser(account.jwt()).delete("/api/v1/account/api-keys/" + id).then().statusCode(204);
        Api.withKey(key).get("/api/v1/auth/whoami").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("invalid_api_key"));
        Api.asUser(account.jwt()).get("/api/v1/account/api-keys").then().body("[0].revoked", equalTo(true));
    }

    @Test
    void unknownKeyIs401() {
        Api.withKey("ick_" + "x".repeat(40)).get("/api/v1/auth/whoami").then().statusCode(401)
                .body("code", equalTo("invalid_api_key"));
    }

    @Test
    void planLimitsKeysAndRevokedOnesDoNotCount() {
        TestAccounts.TestAccount account = accounts.create("keylimit");
        accounts.createApiKey(account);
        accounts.createApiKey(account);
        Api.asUser(account.jwt()).body(Map.of("name", "third")).post("/api/v1/account/api-keys").then().statusCode(409)
                .body("code", equalTo("api_key_limit_reached"));
        String id = Api.asUser(account.jwt()).get("/api/v1/account/api-keys").then().extract().path("[0].id");
        Api.asUser(account.jwt()).delete("/api/v1/account/api-keys/" + id).then().statusCode(204);
        Api.asUser(account.jwt()).body(Map.of("name", "third")).post("/api/v1/account/api-keys").then().statusCode(201);
    }

    @Test
    void anotherAccountsKeyIsNotFoundAndKeysCannotManageTheAccount() {
        TestAccounts.TestAccount owner = accounts.create("keyowner");
        TestAccounts.TestAccount stranger = accounts.create("keystranger");
        String key = accounts.createApiKey(owner);
        String id = Api.asUser(owner.jwt()).get("/api/v1/account/api-keys").then().extract().path("[0].id");
        Api.asUser(stranger.jwt()).delete("/api/v1/account/api-keys/" + id).then().statusCode(404)
                .body("code", equalTo("api_key_not_found"));
        Api.withKey(key).get("/api/v1/auth/whoami").then().statusCode(200);
        Api.withKey(key).get("/api/v1/account/api-keys").then().statusCode(403).body("code", equalTo("jwt_required"));
        Api.asUser(owner.jwt()).body(Map.of("name", "")).post("/api/v1/account/api-keys").then().statusCode(422)
                .body("errors[0].path", equalTo("$.name"));
    }
}
