package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Upload → queue → worker → ZIP → signed postback to a real receiver, and the status of it all. */
@QuarkusTest
class JobFlowTest {

    @Inject
    TestAccounts accounts;

    PostbackReceiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = new PostbackReceiver();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void uploadIsProcessedAndPostedSignedWithTheRightZip() throws Exception {
        TestAccounts.TestAccount account = accounts.create("jobs");
        String key = accounts.createApiKey(account);
        String secret = Api.asUser(account.jwt()).get("/api/v1/account/webhook-secret").then().statusCode(200)
                .extract().path("secret");
        assertTrue(secret.startsWith("whsec_"));
        String configId = JobFixtures.config(account, receiver.url(), """
                [{"type": "resize", "sizes": [{"width": 400}, {"width": 200, "height": 200, "fit": "cover"}]},
                 {"type": "convert", "formats": ["png", "webp"]}]""");

        JsonPath accepted = JobFixtures.upload(key, configId, Map.of("photo.jpg", Images.gradient(800, 600, "jpg"),
                "diagram.png", Images.gradient(640, 480, "png"))).then().statusCode(202)
                .body("status", equalTo("success")).body("configId", equalTo(configId)).body("sources", equalTo(2))
                .body("credits", equalTo(2 * (2 + 4))).extract().jsonPath();
        String jobId = accepted.getString("jobId");

        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        PostbackReceiver.Received postback = receiver.receivedFor(jobId).get(0);
        assertEquals(jobId, postback.parts().get("jobId").text());
        assertEquals(configId, postback.parts().get("configId").text());
        PostbackReceiver.Part zip = postback.parts().get("outputZipFile");
        assertEquals(jobId + ".zip", zip.fileName());
        assertEquals("application/zip", zip.contentType());
        assertTrue(postback.signatureValidFor(secret), "signature verifies with the account's secret");
        assertEquals("msg_" + jobId.replace("-", ""), postback.header("webhook-id"));

        Map<String, byte[]> entries = unzip(zip.content());
        assertEquals(List.of("configuration/test-config.json", "output/400w/photo.png", "output/400w/photo.webp",
                "output/200x200/photo.png", "output/200x200/photo.webp", "output/400w/diagram.png", "output/400w/diagram.webp",
                "output/200x200/diagram.png", "output/200x200/diagram.webp", "manifest.json"), new ArrayList<>(entries.keySet()));
        assertArrayEquals(new int[] { 400, 300 }, Images.size(entries.get("output/400w/photo.png")));
        assertArrayEquals(new int[] { 200, 200 }, Images.size(entries.get("output/200x200/diagram.png")));
        assertTrue(new String(entries.get("configuration/test-config.json")).contains("\"version\" : 1"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .statusCode(200).body("status", equalTo("completed")));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("sources", hasSize(2))
                .body("sources[0].status", equalTo("succeeded")).body("credits.charged", equalTo(12))
                .body("delivery.state", equalTo("delivered")).body("delivery.attempts", equalTo(1))
                .body("delivery.history[0].statusCode", equalTo(200));
        byte[] download = Api.withKey(key).get("/api/v1/jobs/" + jobId + "/result").then().statusCode(200)
                .contentType("application/zip").header("Content-Length", String.valueOf(zip.content().length))
                .header("Content-Disposition", "attachment; filename=\"" + jobId + ".zip\"").extract().asByteArray();
        assertArrayEquals(zip.content(), download);
        // the dashboard's Accept header (ui/api.js) gets the same streamed ZIP
        assertArrayEquals(zip.content(), Api.asUser(account.jwt()).header("Accept", "application/json, application/problem+json,"
                + " application/zip").get("/api/v1/jobs/" + jobId + "/result").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray());
        // one entry at a time, for previews: the same bytes as in the ZIP, with the content type of the extension
        byte[] preview = Api.asUser(account.jwt()).header("Accept", "*/*").get("/api/v1/jobs/" + jobId
                + "/result/output/200x200/diagram.webp").then().statusCode(200).contentType("image/webp")
                .header("Content-Disposition", "inline; filename=\"diagram.webp\"").extract().asByteArray();
        assertArrayEquals(entries.get("output/200x200/diagram.webp"), preview);
        assertArrayEquals(entries.get("output/400w/photo.png"), Api.withKey(key).header("Accept", "*/*")
                .get("/api/v1/jobs/" + jobId + "/result/output/400w/photo.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray());
        Api.withKey(key).header("Accept", "*/*").get("/api/v1/jobs/" + jobId + "/result/manifest.json").then()
                .statusCode(200).contentType("application/json").body("sources", hasSize(2));
        Api.withKey(key).get("/api/v1/jobs/" + jobId + "/result/output/400w/nothing.png").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("entry_not_found"));
        Api.asUser(account.jwt()).get("/api/v1/jobs").then().statusCode(200).body("items[0].jobId", equalTo(jobId))
                .body("total", equalTo(1));
        Api.management().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "imagecogni_operation_seconds_count{type=\"resize\"}")).body(org.hamcrest.Matchers.containsString(
                "imagecogni_operation_seconds_count{type=\"encode:webp\"}"));
    }

    @Test
    void anotherAccountsJobIsNotFoundOnEveryRoute() {
        TestAccounts.TestAccount owner = accounts.create("jobowner");
        TestAccounts.TestAccount stranger = accounts.create("jobstranger");
        String key = accounts.createApiKey(owner);
        String strangerKey = accounts.createApiKey(stranger);
        String configId = JobFixtures.config(owner, receiver.url(), "[{\"type\": \"rotate\", \"degrees\": 90}]");
        String jobId = JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(64, 64, "png"))).then()
                .statusCode(202).extract().path("jobId");
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.receivedFor(jobId).isEmpty());

        for (String path : new String[] { "/api/v1/jobs/" + jobId, "/api/v1/jobs/" + jobId + "/result",
                "/api/v1/jobs/" + jobId + "/result/manifest.json" }) {
            Api.withKey(strangerKey).get(path).then().statusCode(404).body("code", equalTo("job_not_found"));
            Api.asUser(stranger.jwt()).get(path).then().statusCode(404);
        }
        Api.withKey(strangerKey).post("/api/v1/jobs/" + jobId + "/redeliver").then().statusCode(404);
        Api.withKey(strangerKey).get("/api/v1/jobs").then().body("total", equalTo(0));
        // uploading against another account's configuration
        JobFixtures.upload(strangerKey, configId, Map.of("a.png", Images.gradient(64, 64, "png"))).then().statusCode(404)
                .body("code", equalTo("config_not_found"));
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        return ZipEntries.of(zip);
    }
}
