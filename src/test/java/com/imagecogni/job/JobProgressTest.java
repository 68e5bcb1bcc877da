package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;

import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * A processing job's progress in {@code GET /api/v1/jobs/{id}}: written by {@link JobProgress} at a bounded rate, shown
 * while the job is queued or processing, gone once it has ended. The job is held in processing by a source URL whose
 * origin answers late; the progress writes are the worker's own class, driven by the test.
 */
@QuarkusTest
class JobProgressTest extends SlowSourceCustomerTest {

    @Inject
    Pool pool;

    @Test
    void aProcessingJobReportsSourcesAndOutputsDoneOfTheTotal() {
        String jobId = RestAssured.given().header("Authorization", key).contentType("application/json")
                .body("{\"configId\": \"" + configId + "\", \"sourceUrls\": [\"" + origin.url("/slow.png") + "\", \""
                        + origin.url("/slow.png?2") + "\", \"" + origin.url("/slow.png?3") + "\"]}")
                .post("/api/v1/jobs").then().statusCode(202).extract().path("jobId");
        await().atMost(Duration.ofSeconds(10)).until(() -> "processing".equals(job(jobId).extract().path("status")));
        UUID id = UUID.fromString(jobId);

        JobProgress progress = new JobProgress(pool, id, 6).started();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> job(jobId).body("progress.sourcesDone", equalTo(0))
                .body("progress.sourcesTotal", equalTo(3)).body("progress.outputsDone", equalTo(0))
                .body("progress.outputsTotal", equalTo(6)));
        progress.sourceDone(1, 2); // within the interval of the start: not written
        sleep(JobProgress.INTERVAL_NANOS / 1_000_000 + 50);
        progress.sourceDone(2, 4);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> job(jobId).body("progress.sourcesDone", equalTo(2))
                .body("progress.outputsDone", equalTo(4)));

        // once processing has ended there is nothing left to report
        await().atMost(Duration.ofSeconds(30)).until(() -> !"processing".equals(job(jobId).extract().path("status")));
        job(jobId).body("progress", nullValue());
    }

    private ValidatableResponse job(String jobId) {
        return Api.withKey(key).get("/api/v1/jobs/" + jobId).then().statusCode(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
