package com.imagecogni.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;

/**
 * Process-level faults on the packaged service: SIGKILL in the middle of processing, and two
 * replicas sharing one database. No accepted job is lost; none is delivered twice without a crash.
 */
class CrashRecoveryIT {

    @Test
    void killMinus9WhileProcessingLosesNoJob() throws Exception {
        byte[] photo = Files.readAllBytes(Path.of("src", "test", "resources", "photos", "seeding-5312x2988.jpg"));
        try (PostbackReceiver receiver = new PostbackReceiver()) {
            List<String> jobs = new ArrayList<>();
            ServiceProcess first = ServiceProcess.start("crash-a", Map.of());
            Customer customer = Customer.signUp(first);
            String config = customer.configuration(first, receiver.url(), sizes(12));
            for (int i = 0; i < 4; i++) {
                jobs.add(customer.upload(first, config, "photo-" + i + ".jpg", photo).then().statusCode(202).extract()
                        .path("jobId"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> !TestDb.column(
                    "select id from job where status = 'processing' and id = any(?::uuid[])", ids(jobs)).isEmpty());
            String interrupted = TestDb.column("select id from job where status = 'processing' and id = any(?::uuid[])",
                    ids(jobs)).get(0);
            first.kill();

            try (ServiceProcess second = ServiceProcess.start("crash-b", Map.of())) {
                await().atMost(Duration.ofSeconds(120)).until(() -> jobs.stream().allMatch(id ->
                        !receiver.receivedFor(id).isEmpty()));
                for (String id : jobs) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(customer.job(second, id).path("status")));
                    // however often a job was run or posted, it carries one webhook-id, so the receiver can tell
                    assertEquals(1, receiver.receivedFor(id).stream().map(r -> r.header("webhook-id")).distinct().count());
                    assertTrue(receiver.receivedFor(id).get(0).signatureValidFor(customer.webhookSecret));
                }
                int attempts = Integer.parseInt(TestDb.column("select attempts from job where id = ?::uuid", interrupted).get(0));
                assertTrue(attempts >= 2, "the interrupted job ran again (attempts " + attempts + ")");
            }
        }
    }

    @Test
    void twoReplicasShareTheQueueAndDeliverEveryJobOnce() throws Exception {
        Map<String, String> env = Map.of("IMAGECOGNI_JOBS_MAX_QUEUED_PER_ACCOUNT", "1000");
        try (PostbackReceiver receiver = new PostbackReceiver();
                ServiceProcess a = ServiceProcess.start("scale-a", env);
                ServiceProcess b = ServiceProcess.start("scale-b", env)) {
            Customer customer = Customer.signUp(a);
            String config = customer.configuration(a, receiver.url(), "[{\"type\": \"resize\", \"sizes\": [{\"width\": 24}]}]");
            byte[] image = Images.gradient(64, 48, "png");
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ServiceProcess target = i % 2 == 0 ? a : b;
                jobs.add(customer.upload(target, config, "img-" + i + ".png", image).then().statusCode(202).extract()
                        .path("jobId"));
            }
            await().atMost(Duration.ofSeconds(180)).until(() -> jobs.stream().allMatch(id -> !receiver.receivedFor(id).isEmpty()));
            ServiceProcess.sleep(1500);
            Map<String, Long> deliveries = receiver.received().stream().collect(Collectors.groupingBy(
                    r -> r.parts().get("jobId").text(), Collectors.counting()));
            for (String id : jobs) {
                assertEquals(1L, deliveries.get(id), "job " + id + " delivered once");
            }
            List<String> workers = TestDb.column("select distinct processed_by from job where id = any(?::uuid[])", ids(jobs));
            assertEquals(2, workers.size(), "both replicas did work: " + workers);
        }
    }

    static String sizes(int count) {
        List<String> sizes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            sizes.add("{\"width\": " + (200 * i) + "}");
        }
        return "[{\"type\": \"resize\", \"sizes\": [" + String.join(", ", sizes) + "]},"
                + " {\"type\": \"convert\", \"formats\": [\"jpeg\", \"png\"]}]";
    }

    static String ids(List<String> jobs) {
        return "{" + String.join(",", jobs) + "}";
    }

}
