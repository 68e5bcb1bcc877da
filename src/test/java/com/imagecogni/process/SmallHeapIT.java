package com.imagecogni.process;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.PostbackReceiver;

/**
 * A replica whose heap holds one large photo's processing, not two: with two workers and four
 * 16 MP photos arriving at once, the jobs take turns for the heap (ProcessingMemory) and every one
 * completes on its first attempt, without an OutOfMemoryError.
 */
class SmallHeapIT {

    private static final String SPEC_EXAMPLE = """
            [{"type": "resize", "fit": "contain",
              "sizes": [{"width": 1200, "height": 630}, {"percent": 50}, {"template": "instagram-square"}]},
             {"type": "compress", "quality": 80},
             {"type": "convert", "formats": ["webp", "jpeg"]}]""";

    @Test
    void largePhotosTakeTurnsForTheHeapInsteadOfRunningOutOfIt() throws Exception {
        byte[] photo = Files.readAllBytes(Path.of("src/test/resources/photos/seeding-5312x2988.jpg"));
        try (PostbackReceiver receiver = new PostbackReceiver();
                ServiceProcess service = ServiceProcess.start("small-heap", Map.of("IMAGECOGNI_WORKERS", "2"), "-Xmx320m")) {
            Customer customer = Customer.signUp(service);
            String config = customer.configuration(service, receiver.url(), SPEC_EXAMPLE);
            List<CompletableFuture<Integer>> uploads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                uploads.add(CompletableFuture.supplyAsync(() -> customer.upload(service, config, "seeding-" + n + ".jpg", photo)
                        .statusCode()));
            }
            for (CompletableFuture<Integer> upload : uploads) {
                assertEquals(202, upload.get());
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> customer.jobsInState(service, "completed") == 4);
            assertEquals(4, receiver.received().size());
            List<String> jobIds = given().baseUri("http://127.0.0.1").port(service.port).header("Authorization", customer.apiKey)
                    .get("/api/v1/jobs").then().statusCode(200).extract().path("items.jobId");
            for (String jobId : jobIds) {
                given().baseUri("http://127.0.0.1").port(service.port).header("Authorization", customer.apiKey)
                        .get("/api/v1/jobs/" + jobId).then().statusCode(200).body("sources[0].status", equalTo("succeeded"))
                        .body("credits.charged", equalTo(12));
            }
            String log = service.log();
            assertFalse(log.contains("OutOfMemoryError"), "no OutOfMemoryError");
            assertFalse(log.contains("job attempt failed"), "every job succeeded on its first attempt");
        }
    }
}
