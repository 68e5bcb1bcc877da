package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * {@code Prefer: wait=N} on an upload (SPEC §6): the answer waits for the job's processing, woken by the job-done
 * notification, and is the job status or the result ZIP when it ends in time, the usual 202 when it does not; the
 * postback goes out either way. A slow source is an origin that answers late (the worker fetches it).
 */
@QuarkusTest
class SynchronousAnswerTest extends SlowSourceCustomerTest {

    @Inject
    JobCompletions completions;

    @TestHTTPResource("/")
    java.net.URL base;

    @Test
    void aJobDoneInTimeAnswersWithItsStatusAndIsStillPostedBack() {
        Response response = JobFixtures.upload(RestAssured.given().header("Authorization", key).header("Prefer", "wait=20"),
                configId, Map.of("photo.png", photo));
        response.then().statusCode(200).contentType(startsWith("application/json")).header("Preference-Applied", "wait=20")
                .body("status", in(List.of("delivering", "completed"))).body("sources", hasSize(1))
                .body("sources[0].status", equalTo("succeeded")).body("result.url", notNullValue());
        String jobId = response.path("jobId");
        response.then().header("Content-Location", "/api/v1/jobs/" + jobId);
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.receivedFor(jobId).isEmpty());
    }

    @Test
    void aJobDoneInTimeAnswersWithTheResultZipWhenAskedFor() throws Exception {
        Response response = JobFixtures.upload(RestAssured.given().header("Authorization", key).header("Prefer", "wait=20")
                .accept("application/zip"), configId, Map.of("photo.png", photo));
        response.then().statusCode(200).contentType("application/zip").header("Preference-Applied", "wait=20")
                .header("Content-Location", startsWith("/api/v1/jobs/"));
        Map<String, byte[]> entries = ZipEntries.of(response.asByteArray());
        assertEquals(32, image(entries.get("output/32w/photo.png")).getWidth());
        assertEquals(16, image(entries.get("output/16w/photo.png")).getWidth());
        assertTrue(entries.containsKey("manifest.json"), "the ZIP is the stored result: " + entries.keySet());
    }

    @Test
    void aJobNotDoneInTimeIsAcceptedAsUsual() {
        long started = System.nanoTime();
        String jobId = urlUpload("wait=1").then().statusCode(202).header("Preference-Applied", "wait=1")
                .header("Location", containsString("/api/v1/jobs/")).body("status", equalTo("success")).extract().path("jobId");
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMillis >= 1000 && waitedMillis < 2500, "waited the second it was given: " + waitedMillis + " ms");
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> completions.waiting() == 0);
    }

    @Test
    void aWaitOverTheMaximumIsClippedAndSaysSo() {
        JobFixtures.upload(RestAssured.given().header("Authorization", key).header("Prefer", "respond-async, wait=3600"),
                configId, Map.of("photo.png", photo)).then().statusCode(200).header("Preference-Applied", "wait=30");
        // no wait preference, or one that is not understood: the usual 202 at once, no Preference-Applied
        JobFixtures.upload(RestAssured.given().header("Authorization", key).header("Prefer", "wait=soon"), configId,
                Map.of("photo.png", photo)).then().statusCode(202).header("Preference-Applied", (String) null);
    }

    @Test
    void aClientThatLeavesWhileWaitingLeavesNothingBehind() throws Exception {
        String body = "{\"configId\": \"" + configId + "\", \"sourceUrls\": [\"" + origin.url("/slow.png") + "\"]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/jobs HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: " + key
                    + "\r\nPrefer: wait=20\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> completions.waiting() == 1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> completions.waiting() == 0);
        // the job itself goes on: processed and posted back
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
    }

    private Response urlUpload(String prefer) {
        return RestAssured.given().header("Authorization", key).header("Prefer", prefer).contentType("application/json")
                .body("{\"configId\": \"" + configId + "\", \"sourceUrls\": [\"" + origin.url("/slow.png") + "\"]}")
                .post("/api/v1/jobs");
    }

    private static BufferedImage image(byte[] bytes) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
