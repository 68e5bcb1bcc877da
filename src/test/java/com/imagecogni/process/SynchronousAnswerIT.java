package com.imagecogni.process;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;

/**
 * {@code Prefer: wait=N} across replicas: the upload is accepted by an API-only replica ({@code imagecogni.workers=0}),
 * processed by another, and the waiting request is answered by the first, woken by the database's job-done
 * notification.
 */
class SynchronousAnswerIT {

    @Test
    void aJobProcessedByAnotherReplicaAnswersTheRequestWaitingForIt() throws Exception {
        try (PostbackReceiver receiver = new PostbackReceiver();
                ServiceProcess api = ServiceProcess.start("sync-api", Map.of("IMAGECOGNI_WORKERS", "0"));
                ServiceProcess worker = ServiceProcess.start("sync-worker", Map.of())) {
            Customer customer = Customer.signUp(api);
            String config = customer.configuration(api, receiver.url(), "[{\"type\": \"resize\", \"sizes\": [{\"width\": 24}]}]");
            String jobId = given().baseUri("http://127.0.0.1").port(api.port).header("Authorization", customer.apiKey)
                    .header("Prefer", "wait=30").multiPart("configId", config)
                    .multiPart("sources", "photo.png", Images.gradient(64, 48, "png"), "application/octet-stream")
                    .post("/api/v1/jobs").then().statusCode(200).header("Preference-Applied", "wait=30")
                    .body("sources[0].status", equalTo("succeeded")).extract().path("jobId");
            List<String> processedBy = TestDb.column("select processed_by from job where id = ?::uuid", jobId);
            assertEquals(1, processedBy.size());
            // both replicas share a host name: the worker pool's id in each log tells them apart
            assertEquals(true, worker.log().contains("worker pool " + processedBy.get(0) + " started"),
                    "processed by the other replica: " + processedBy);
            assertEquals(true, api.log().contains("processes no jobs"), "the API replica has no workers");
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        }
    }
}
