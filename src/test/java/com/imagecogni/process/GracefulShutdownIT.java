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

import org.junit.jupiter.api.Test;

import com.imagecogni.support.PostbackReceiver;

/**
 * SIGTERM: the replica stops, its running job finishes or goes straight back to the queue (no
 * waiting for a lease to expire), and another replica delivers everything.
 */
class GracefulShutdownIT {

    @Test
    void sigtermHandsUnfinishedWorkBackAtOnce() throws Exception {
        byte[] photo = Files.readAllBytes(Path.of("src", "test", "resources", "photos", "seeding-5312x2988.jpg"));
        // a long lease: only the graceful hand-back can make the jobs available quickly
        Map<String, String> env = Map.of("IMAGECOGNI_JOBS_LEASE", "10m", "IMAGECOGNI_JOBS_SHUTDOWN_GRACE", "1s");
        try (PostbackReceiver receiver = new PostbackReceiver()) {
            ServiceProcess first = ServiceProcess.start("graceful-a", env);
            Customer customer = Customer.signUp(first);
            String config = customer.configuration(first, receiver.url(), CrashRecoveryIT.sizes(16));
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                jobs.add(customer.upload(first, config, "p" + i + ".jpg", photo).then().statusCode(202).extract().path("jobId"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> !TestDb.column(
                    "select id from job where status = 'processing' and id = any(?::uuid[])", CrashRecoveryIT.ids(jobs)).isEmpty());
            first.close(); // SIGTERM, then wait for the process to end
            assertEquals(List.of(), TestDb.column("select id from job where status = 'processing' and id = any(?::uuid[])",
                    CrashRecoveryIT.ids(jobs)), "no job is left locked by the stopped replica");

            try (ServiceProcess second = ServiceProcess.start("graceful-b", env)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> jobs.stream().allMatch(id -> !receiver.receivedFor(id).isEmpty()));
                assertTrue(second.isAlive());
            }
        }
    }
}
