package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Images;

import io.quarkus.test.junit.QuarkusTest;

/** A delivery signs with the secret the account got at sign-up and never writes one. */
@QuarkusTest
class WebhookSecretDeliveryTest extends ReceivingCustomerTest {

    @Test
    void aDeliveryReadsTheSecretCreatedAtSignUpAndWritesNoAccountRow() {
        String atSignUp = db.one("select webhook_secret from account where id = $1::uuid", account.accountId())
                .getString("webhook_secret");
        String before = rowVersion();

        String jobId = JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(32, 32, "png"))).then()
                .statusCode(202).extract().path("jobId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));

        assertTrue(receiver.receivedFor(jobId).get(0).signatureValidFor(atSignUp), "signed with the sign-up secret");
        assertEquals(before, rowVersion(), "loading and sending the delivery wrote nothing to the account");
    }

    /** Changes whenever the account row is written (a no-op update included). */
    private String rowVersion() {
        return db.one("select xmin::text as v from account where id = $1::uuid", account.accountId()).getString("v");
    }
}
