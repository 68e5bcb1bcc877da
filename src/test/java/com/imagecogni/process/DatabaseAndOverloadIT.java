package com.imagecogni.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;

/** The database going away under load, and more large uploads than memory allows. */
class DatabaseAndOverloadIT {

    @Test
    void postgresRestartDuringABatchIsSurvivedWithoutARestartOrLostJob() throws Exception {
        String cluster = localCluster();
        assumeTrue(cluster != null, "needs a local PostgreSQL cluster managed by pg_ctlcluster");
        try (PostbackReceiver receiver = new PostbackReceiver(); ServiceProcess service = ServiceProcess.start("pgrestart", Map.of())) {
            Customer customer = Customer.signUp(service);
            String config = customer.configuration(service, receiver.url(), CrashRecoveryIT.sizes(4));
            byte[] image = Images.gradient(1600, 1200, "jpg");
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                jobs.add(customer.upload(service, config, "p" + i + ".jpg", image).then().statusCode(202).extract().path("jobId"));
            }
            pgctl(cluster, "stop");
            Set<Integer> seen = ConcurrentHashMap.newKeySet();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    int status = customer.job(service, jobs.get(0)).statusCode();
                    seen.add(status);
                    return status == 503;
                });
                assertEquals(503, customer.upload(service, config, "x.jpg", image).statusCode());
            } finally {
                pgctl(cluster, "start");
            }
            assertFalse(seen.contains(500), "no 500 while the database was away: " + seen);
            await().atMost(Duration.ofSeconds(120)).until(() -> jobs.stream().allMatch(id -> !receiver.receivedFor(id).isEmpty()));
            String after = customer.upload(service, config, "after.jpg", image).then().statusCode(202).extract().path("jobId");
            await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFor(after).isEmpty());
            assertTrue(service.isAlive());
        }
    }

    @Test
    void twentyConcurrent40MegabyteUploadsWithA512MegabyteHeapAreAllAcceptedAndProcessed() throws Exception {
        try (PostbackReceiver receiver = new PostbackReceiver();
                ServiceProcess service = ServiceProcess.start("overload", Map.of("IMAGECOGNI_JOBS_MAX_QUEUED_PER_ACCOUNT", "1000"),
                        "-Xmx512m")) {
            Customer customer = Customer.signUp(service);
            String config = customer.configuration(service, receiver.url(), "[{\"type\": \"rotate\", \"degrees\": 90}]");
            // a PNG signature and header in front of 40 MB of noise: accepted by content, refused by the decoder
            byte[] big = new byte[40 * 1024 * 1024 - 4096];
            byte[] head = Images.gradient(8, 8, "png");
            System.arraycopy(head, 0, big, 0, 33);
            ExecutorService clients = Executors.newFixedThreadPool(20);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                answers.add(clients.submit(() -> customer.upload(service, config, "big-" + n + ".png", big).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(5, TimeUnit.MINUTES));
            }
            clients.shutdown();
            System.out.println("20 x 40 MB uploads with -Xmx512m answered " + statuses);
            // streamed into the database chunk by chunk, none needs the whole 40 MB in memory to be stored
            assertEquals(List.of(202), statuses.stream().distinct().toList(), "all accepted: " + statuses);
            // each worker then loads a 40 MB source, finds it undecodable and fails that source alone
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> customer.jobsInState(service,
                    "completed") == 20);
            assertEquals(20, receiver.received().size(), "one postback per job");
            assertTrue(service.isAlive());
            assertEquals(200, service.readyStatus());
            assertFalse(service.log().contains("OutOfMemoryError"), "no OutOfMemoryError");
        }
    }

    /** The version of the local cluster pg_ctlcluster manages, or null. */
    private static String localCluster() {
        File[] versions = new File("/etc/postgresql").listFiles();
        if (versions == null || versions.length == 0) {
            return null;
        }
        return versions[0].getName();
    }

    private static void pgctl(String version, String action) throws Exception {
        Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_ctlcluster " + action + " failed: " + output);
        }
    }
}
