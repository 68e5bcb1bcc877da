package com.imagecogni.common;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;

/** The framework's own errors and authentication failures come back as problem+json with a stable code. */
@QuarkusTest
class ProblemShapeTest {

    @Inject
    TestAccounts accounts;

    @Test
    void unknownPathMethodAndMediaType() {
        RestAssured.get("/api/v1/does-not-exist").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("not_found")).body("status", equalTo(404))
                .body("type", equalTo("urn:imagecogni:problem:not_found"));
        RestAssured.delete("/api/v1/plans").then().statusCode(405).contentType("application/problem+json")
                .body("code", equalTo("method_not_allowed"));
        RestAssured.given().contentType("text/plain").body("hello").post("/api/v1/accounts").then().statusCode(415)
                .contentType("application/problem+json").body("code", equalTo("unsupported_media_type"));
        Api.json().body("{\"email\": \"a@b.test\", ").post("/api/v1/auth/token").then().statusCode(400)
                .body("code", equalTo("malformed_json")).body("detail", not(containsString("Exception")));
        Api.json().body("[]").post("/api/v1/auth/token").then().statusCode(422).body("code", equalTo("validation_failed"));
    }

    @Test
    void authenticationFailures() {
        RestAssured.get("/api/v1/account").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
        Api.asUser("not.a.jwt").get("/api/v1/account").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    @Test
    void forgedExpiredAndForeignTokensAre401() throws Exception {
        TestAccounts.TestAccount account = accounts.create("jwt");
        Api.asUser(account.jwt()).get("/api/v1/account").then().statusCode(200);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreignKey = generator.generateKeyPair().getPrivate();
        String forged = Jwt.issuer("imagecogni").subject(account.accountId()).groups("user").sign(foreignKey);
        String expired = Jwt.issuer("imagecogni").subject(account.accountId()).groups("user")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        String wrongIssuer = Jwt.issuer("someone-else").subject(account.accountId()).groups("user").sign();
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"imagecogni\",\"sub\":\""
                + account.accountId() + "\",\"groups\":[\"user\",\"admin\"],\"exp\":" + (Instant.now().getEpochSecond() + 600)
                + "}").getBytes());
        String unsigned = header + "." + payload + ".";

        for (String token : new String[] { forged, expired, wrongIssuer, unsigned }) {
            Api.asUser(token).get("/api/v1/account").then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("invalid_token"));
        }
    }
}
