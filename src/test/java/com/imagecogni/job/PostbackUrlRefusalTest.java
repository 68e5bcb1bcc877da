package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.delivery.PostbackTargets;
import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.Images;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * With private networks not allowed (production's setting), a postback URL whose name resolves to
 * loopback is refused at save and at send, and neither answer says what the name resolved to.
 */
@QuarkusTest
@TestProfile(PostbackUrlRefusalTest.PublicNetworksOnly.class)
class PostbackUrlRefusalTest {

    /** Production's address rule: postbacks only to public addresses. */
    public static class PublicNetworksOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("imagecogni.postback.allow-private-networks", "false");
        }
    }

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Test
    void aNameResolvingToAnInternalAddressIsRefusedAtSaveWithoutTheAddress() throws Exception {
        TestAccounts.TestAccount account = accounts.create("refusal");
        String body = Api.asUser(account.jwt()).body(config("http://localhost:9/hook")).post("/api/v1/configurations").then()
                .statusCode(422).body("code", equalTo("postback_url_not_allowed"))
                .body("errors[0].path", equalTo("$.postbackUrl"))
                .body("errors[0].message", equalTo(PostbackTargets.NAME_NOT_ALLOWED))
                .extract().asString();
        assertQuotesNoAddressOfLocalhost(body);

        // an address the customer typed may be named: it tells them nothing they did not write
        Api.asUser(account.jwt()).body(config("http://127.0.0.1:9/hook")).post("/api/v1/configurations").then()
                .statusCode(422).body("code", equalTo("postback_url_not_allowed"))
                .body("errors[0].message", containsString("127.0.0.1"));
    }

    @Test
    void aNameThatTurnedInternalAfterSaveIsRefusedAtSendWithoutTheAddress() throws Exception {
        TestAccounts.TestAccount account = accounts.create("refusalsend");
        String key = accounts.createApiKey(account);
        // a public address is accepted at save; then, as if its DNS had been re-pointed, the name is internal
        String configId = JobFixtures.config(account, "http://93.184.216.34/hook", "[{\"type\": \"flip\", \"direction\": \"horizontal\"}]");
        db.query("update configuration_version set postback_url = 'http://localhost:9/hook' where configuration_id = $1::uuid",
                configId);
        String jobId = JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(32, 32, "png"))).then().statusCode(202)
                .extract().path("jobId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("failed")));
        String body = Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("delivery.history.error", everyItem(equalTo("refused: " + PostbackTargets.NAME_NOT_ALLOWED)))
                .extract().asString();
        assertQuotesNoAddressOfLocalhost(body);
    }

    private static void assertQuotesNoAddressOfLocalhost(String body) throws Exception {
        List<String> forms = new ArrayList<>(List.of("127.0.0.1", "::1"));
        for (InetAddress address : InetAddress.getAllByName("localhost")) {
            forms.add(address.getHostAddress());
        }
        for (String form : forms) {
            assertFalse(body.contains(form), "the answer quotes " + form + ": " + body);
        }
    }

    private static String config(String postbackUrl) {
        return "{\"name\": \"x\", \"postbackUrl\": \"" + postbackUrl + "\", \"operations\": [{\"type\": \"rotate\", \"degrees\": 90}]}";
    }
}
