package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Images;
import com.imagecogni.support.Origin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Sources named by URL (SPEC section 6), through the whole service: accepted at intake (multipart parts, JSON, beside
 * files) with the URL rules checked there, fetched by the worker from a real origin on loopback (tests allow private
 * networks; the cloud metadata address stays refused), each failed fetch failing its source alone and refunded.
 */
@QuarkusTest
class SourceUrlsTest extends ReceivingCustomerTest {

    Origin origin;
    byte[] photo;

    @Override
    String operations() {
        return "[{\"type\": \"resize\", \"sizes\": [{\"width\": 16}]}]";
    }

    @BeforeEach
    void origin() throws Exception {
        origin = new Origin();
        photo = Images.gradient(64, 48, "png");
        origin.serve("/photos/photo.png", photo);
    }

    @AfterEach
    void closeOrigin() {
        origin.close();
    }

    @Test
    void aGoodUrlIsProcessedAndA404FailsAloneWithItsStatusAndIsRefunded() throws Exception {
        String good = origin.url("/photos/photo.png");
        String missing = origin.url("/photos/missing.jpg");
        String jobId = multipart().multiPart("sourceUrls", good).multiPart("sourceUrls", missing).post("/api/v1/jobs").then()
                .statusCode(202).body("sources", equalTo(2)).body("credits", equalTo(2)).extract().path("jobId");

        Map<String, byte[]> zip = deliveredZip(jobId);
        assertEquals(List.of("output/16w/photo.png"), outputs(zip));
        assertArrayEquals(new int[] { 16, 12 }, Images.size(zip.get("output/16w/photo.png")));
        JsonPath manifest = new JsonPath(new String(zip.get("manifest.json"), StandardCharsets.UTF_8));
        assertEquals(1, manifest.getInt("succeeded"));
        assertEquals(good, manifest.getString("sources[0].url"));
        assertEquals("failed", manifest.getString("sources[1].status"));
        assertEquals("missing.jpg", manifest.getString("sources[1].originalName"));
        assertEquals(missing, manifest.getString("sources[1].url"));
        assertEquals("source_fetch_failed", manifest.getString("sources[1].error.reason"));
        assertEquals("upstream answered 404", manifest.getString("sources[1].error.message"));
        assertEquals(404, manifest.getInt("sources[1].error.upstreamStatus"));

        job(jobId).body("status", equalTo("completed")).body("sources", hasSize(2))
                .body("sources[0].name", equalTo("photo.png")).body("sources[0].url", equalTo(good))
                .body("sources[0].bytes", equalTo(photo.length)).body("sources[0].status", equalTo("succeeded"))
                .body("sources[1].status", equalTo("failed")).body("sources[1].bytes", equalTo(0))
                .body("sources[1].error.reason", equalTo("source_fetch_failed"))
                .body("sources[1].error.message", equalTo("upstream answered 404"))
                .body("sources[1].error.upstreamStatus", equalTo(404))
                .body("credits.reserved", equalTo(2)).body("credits.refunded", equalTo(1)).body("credits.charged", equalTo(1));
        assertEquals(1L, used());
        Api.asUser(account.jwt()).get("/api/v1/account").then().body("credits.used", equalTo(1));
        // the fetched bytes are the source's from now on: a retry would not ask the origin again
        assertEquals(1, origin.requestsFor("/photos/photo.png"));
        assertEquals(photo.length, db.one("select s.size from job_source s where s.job_id = $1::uuid and s.position = 1",
                jobId).getLong("size"));
    }

    @Test
    void aJsonRequestFollowsRedirectsAndEachFailedFetchFailsItsSourceAlone() throws Exception {
        origin.redirect("/hop/1", "2").redirect("/hop/2", 301, "/hop/3").redirect("/hop/3", 307, "/photos/photo.png")
                .redirect("/loop/1", "/loop/2").redirect("/loop/2", "/loop/3").redirect("/loop/3", "/loop/4")
                .redirect("/loop/4", "/photos/photo.png")
                .redirect("/metadata", "http://169.254.169.254/latest/meta-data/")
                .serve("/page.html", "<!doctype html><title>not an image</title>".getBytes(StandardCharsets.UTF_8))
                .endless("/endless.png").slow("/slow.png", 10_000, photo);
        List<String> urls = List.of(origin.url("/hop/1"), origin.url("/loop/1"), origin.url("/metadata"),
                origin.url("/page.html"), origin.url("/endless.png"), origin.url("/slow.png"));
        String jobId = Api.withKey(key).body(Map.of("configId", configId, "sourceUrls", urls)).post("/api/v1/jobs").then()
                .statusCode(202).body("sources", equalTo(6)).body("credits", equalTo(6)).extract().path("jobId");

        Map<String, byte[]> zip = deliveredZip(jobId);
        assertEquals(List.of("output/16w/1.png"), outputs(zip));
        job(jobId).body("status", equalTo("completed"))
                .body("sources[0].name", equalTo("1")).body("sources[0].status", equalTo("succeeded"))
                .body("sources[1].error.reason", equalTo("source_fetch_failed"))
                .body("sources[1].error.message", equalTo("upstream redirected more than 3 times"))
                .body("sources[1].error.upstreamStatus", equalTo(302))
                .body("sources[2].error.reason", equalTo("source_fetch_failed"))
                .body("sources[2].error.message", equalTo("upstream redirected (302) where sources may not be fetched from:"
                        + " the host 169.254.169.254 is a cloud metadata address; source URLs must point to a public address"))
                // fetched, but not an image by its bytes: the decoder's usual refusal
                .body("sources[3].error.reason", equalTo("unsupported_format"))
                .body("sources[3].error.upstreamStatus", nullValue())
                .body("sources[4].error.reason", equalTo("source_fetch_failed"))
                .body("sources[4].error.message", startsWith("the source is larger than 41943040 bytes"))
                .body("sources[4].error.upstreamStatus", nullValue())
                .body("sources[5].error.reason", equalTo("source_fetch_failed"))
                .body("sources[5].error.message", equalTo("no complete answer within 3 s"))
                .body("credits.reserved", equalTo(6)).body("credits.refunded", equalTo(5)).body("credits.charged", equalTo(1));
        assertEquals(1L, used());
        assertEquals(1, origin.requestsFor("/photos/photo.png"), "only the hops reached it: the fourth redirect was not followed");
    }

    @Test
    void filesAndUrlsMixInOneMultipartRequestFilesFirst() throws Exception {
        String jobId = multipart().multiPart("sourceUrls", origin.url("/photos/photo.png"))
                .multiPart("sources", "upload.png", Images.gradient(32, 32, "png"), "application/octet-stream")
                .post("/api/v1/jobs").then().statusCode(202).body("sources", equalTo(2)).body("credits", equalTo(2))
                .extract().path("jobId");
        assertEquals(List.of("output/16w/upload.png", "output/16w/photo.png"), outputs(deliveredZip(jobId)));
        job(jobId).body("sources[0].name", equalTo("upload.png")).body("sources[0].url", nullValue())
                .body("sources[1].name", equalTo("photo.png")).body("sources[1].url", equalTo(origin.url("/photos/photo.png")))
                .body("credits.charged", equalTo(2));
    }

    @Test
    void intakeRefusesBadUrlsNamingEachByIndexAndCreatesNoJob() {
        multipart().multiPart("sourceUrls", "https://images.example.com/a.png").multiPart("sourceUrls", "ftp://files.example.com/b.png")
                .post("/api/v1/jobs").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("invalid_source_url")).body("errors", hasSize(1))
                .body("errors[0].path", equalTo("sourceUrls[1]"))
                .body("errors[0].message", equalTo("must be an absolute http or https URL"));
        json(List.of("https://images.example.com/a.png", "not a url", "https://user:pw@images.example.com/c.png", "http:///d"))
                .then().statusCode(422).body("code", equalTo("invalid_source_url")).body("errors", hasSize(3))
                .body("errors[0].path", equalTo("$.sourceUrls[1]")).body("errors[0].message", equalTo("is not a valid URL"))
                .body("errors[1].path", equalTo("$.sourceUrls[2]")).body("errors[1].message", equalTo("must not contain credentials"))
                .body("errors[2].path", equalTo("$.sourceUrls[3]")).body("errors[2].message", equalTo("must name a host"));
        json(List.of("https://images.example.com/" + "a".repeat(2030))).then().statusCode(422)
                .body("errors[0].message", equalTo("must be at most 2048 characters"));
        multipart().multiPart("sourceUrls", "https://images.example.com/" + "a".repeat(2030)).post("/api/v1/jobs").then()
                .statusCode(422).body("code", equalTo("invalid_source_url"))
                .body("errors[0].message", equalTo("must be at most 2048 characters"));
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("https://images.example.com/" + i + ".png");
        }
        json(eleven).then().statusCode(422).body("code", equalTo("too_many_source_urls"))
                .body("errors[0].path", equalTo("$.sourceUrls[10]"));
        json(List.of("http://169.254.169.254/latest/meta-data/")).then().statusCode(422)
                .body("code", equalTo("source_url_not_allowed")).body("errors[0].path", equalTo("$.sourceUrls[0]"))
                .body("detail", containsString("cloud metadata address"));
        json(List.of()).then().statusCode(400).body("code", equalTo("missing_sources"));
        Api.withKey(key).body(Map.of("configId", configId, "sourceUrl", List.of("https://images.example.com/a.png")))
                .post("/api/v1/jobs").then().statusCode(422).body("code", equalTo("validation_failed"))
                .body("errors[0].path", equalTo("$.sourceUrl"));
        Api.withKey(key).body(Map.of("configId", configId, "sourceUrls", "https://images.example.com/a.png"))
                .post("/api/v1/jobs").then().statusCode(422).body("errors[0].path", equalTo("$.sourceUrls"));
        multipart().post("/api/v1/jobs").then().statusCode(400).body("code", equalTo("missing_sources"));

        assertEquals(0L, db.one("select count(*) as n from job where account_id = $1::uuid", account.accountId()).getLong("n"));
        assertEquals(0L, used());
    }

    private RequestSpecification multipart() {
        return RestAssured.given().header("Authorization", key).multiPart("configId", configId);
    }

    private io.restassured.response.Response json(List<String> urls) {
        return Api.withKey(key).body(Map.of("configId", configId, "sourceUrls", urls)).post("/api/v1/jobs");
    }

    private ValidatableResponse job(String jobId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));
        return Api.withKey(key).get("/api/v1/jobs/" + jobId).then().statusCode(200);
    }

    private Map<String, byte[]> deliveredZip(String jobId) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        return JobFlowTest.unzip(receiver.receivedFor(jobId).get(0).parts().get("outputZipFile").content());
    }

    private static List<String> outputs(Map<String, byte[]> zip) {
        return zip.keySet().stream().filter(name -> name.startsWith("output/")).toList();
    }

    private long used() {
        return db.one("select coalesce(sum(used), 0) as used from credit_usage where account_id = $1::uuid", account.accountId())
                .getLong("used");
    }
}
