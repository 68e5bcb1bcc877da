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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;
import com.imagecogni.support.S3Server;

/**
 * Process-level faults on the packaged service: SIGKILL in the middle of processing, and two
 * replicas sharing one database. No accepted job is lost; none is delivered twice without a crash.
 * Each runs once with the image bytes in PostgreSQL and once in an S3 store (S3Proxy in this JVM,
 * the services told where by environment variables).
 */
class CrashRecoveryIT {

    /**
     * Where the services keep image bytes, and how much work each run gives them: the queue, leases and rescue are the
     * same code on both stores, so the S3 run is smaller (it proves the bytes' way through the store under a crash and
     * two replicas, and keeps the build short).
     */
    enum Storage {
        DATABASE(4, 200), S3(2, 60);

        /** Large photos uploaded before the first replica is killed. */
        final int photos;
        /** Small jobs the two replicas share. */
        final int jobs;

        Storage(int photos, int jobs) {
            this.photos = photos;
            this.jobs = jobs;
        }
    }

    private static S3Server s3;

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void killMinus9WhileProcessingLosesNoJob(Storage storage) throws Exception {
        byte[] photo = Files.readAllBytes(Path.of("src", "test", "resources", "photos", "seeding-5312x2988.jpg"));
        try (PostbackReceiver receiver = new PostbackReceiver()) {
            List<String> jobs = new ArrayList<>();
            ServiceProcess first = ServiceProcess.start("crash-a-" + storage, env(storage, Map.of()));
            Customer customer = Customer.signUp(first);
            String config = customer.configuration(first, receiver.url(), sizes(6)); // ~1 s per photo: long enough to be caught running
            for (int i = 0; i < storage.photos; i++) {
                jobs.add(customer.upload(first, config, "photo-" + i + ".jpg", photo).then().statusCode(202).extract()
                        .path("jobId"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> !TestDb.column(
                    "select id from job where status = 'processing' and id = any(?::uuid[])", ids(jobs)).isEmpty());
            String interrupted = TestDb.column("select id from job where status = 'processing' and id = any(?::uuid[])",
                    ids(jobs)).get(0);
            first.kill();

            try (ServiceProcess second = ServiceProcess.start("crash-b-" + storage, env(storage, Map.of()))) {
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
                assertBytesWhereConfigured(storage, jobs);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void twoReplicasShareTheQueueAndDeliverEveryJobOnce(Storage storage) throws Exception {
        Map<String, String> env = env(storage, Map.of("IMAGECOGNI_JOBS_MAX_QUEUED_PER_ACCOUNT", "1000"));
        List<ServiceProcess> replicas = ServiceProcess.startAll(env, "scale-a-" + storage, "scale-b-" + storage);
        try (PostbackReceiver receiver = new PostbackReceiver();
                ServiceProcess a = replicas.get(0);
                ServiceProcess b = replicas.get(1)) {
            Customer customer = Customer.signUp(a);
            String config = customer.configuration(a, receiver.url(), "[{\"type\": \"resize\", \"sizes\": [{\"width\": 24}]}]");
            byte[] image = Images.gradient(64, 48, "png");
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < storage.jobs; i++) {
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
            assertBytesWhereConfigured(storage, jobs);
        }
    }

    /** The services' settings: the database's blob tables, or the S3 server's bucket. */
    private static Map<String, String> env(Storage storage, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        if (storage == Storage.S3) {
            env.putAll(s3.environment());
        }
        return env;
    }

    /** Each job's source and result are blobs of the configured store, and only there. */
    private static void assertBytesWhereConfigured(Storage storage, List<String> jobs) {
        long inDatabase = Long.parseLong(TestDb.column("select count(*) from blob where split_part(key, '/', 2) = any(?::text[])",
                ids(jobs)).get(0));
        if (storage == Storage.S3) {
            assertEquals(0, inDatabase, "PostgreSQL holds no blob of these jobs");
            for (String id : jobs) {
                List<String> keys = s3.keys("jobs/" + id + "/");
                assertTrue(keys.contains("jobs/" + id + "/sources/1") && keys.stream().anyMatch(key -> key.contains("/results/")),
                        "source and result in the bucket: " + keys);
            }
        } else {
            assertTrue(inDatabase >= 2L * jobs.size(), "sources and results in PostgreSQL: " + inDatabase);
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
