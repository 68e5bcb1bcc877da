package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Images;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Redelivery is bounded: one delivery per job at a time (409 delivery_in_progress) and one
 * redelivery per account per cooldown (429 redeliver_cooldown with Retry-After; 3 s in tests).
 */
@QuarkusTest
class RedeliveryLimitsTest extends ReceivingCustomerTest {

    private static final int CALLS = 8;

    @Test
    void ofParallelRedeliveriesOfOneJobExactlyOneIsAccepted() throws Exception {
        String jobId = completedJob();
        List<Response> answers = inParallel(List.of(jobId));
        assertEquals(1, count(answers, 202), describe(answers));
        // the others found the job being delivered, or (had that delivery ended already) the account's turn taken
        for (Response answer : answers) {
            if (answer.statusCode() != 202) {
                answer.then().body("code", oneOf("delivery_in_progress", "redeliver_cooldown"));
            }
        }
        awaitCompleted(jobId);
        Thread.sleep(1000);
        assertEquals(2, receiver.receivedFor(jobId).size(), "delivered once, then redelivered once");
    }

    @Test
    void ofParallelRedeliveriesOfSeveralJobsOfOneAccountExactlyOneIsAccepted() throws Exception {
        List<String> jobIds = List.of(completedJob(), completedJob(), completedJob(), completedJob());
        List<Response> answers = inParallel(jobIds);
        assertEquals(1, count(answers, 202), describe(answers));
        String accepted = jobIds.get(indexOf(answers, 202) % jobIds.size());
        for (int i = 0; i < answers.size(); i++) {
            if (!jobIds.get(i % jobIds.size()).equals(accepted)) {
                // another job of the same account: its turn was taken
                answers.get(i).then().statusCode(429).body("code", equalTo("redeliver_cooldown"));
            }
        }
    }

    @Test
    void aSecondRedeliveryWaitsForTheCooldownAndThenWorks() throws Exception {
        String first = completedJob();
        String second = completedJob();
        redeliver(first).then().statusCode(202);
        Response refused = redeliver(second);
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("redeliver_cooldown"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After in whole seconds within the 3 s cooldown: " + retryAfter);

        Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter));
        redeliver(second).then().statusCode(202);
        awaitCompleted(first);
        awaitCompleted(second);
        assertEquals(2, receiver.receivedFor(first).size());
        assertEquals(2, receiver.receivedFor(second).size());
    }

    @Test
    void aJobWhoseDeliveryIsUnderWayIsNotRedeliveredAndTheRefusalCostsNoTurn() throws Exception {
        // every attempt waits 1.5 s for a 500: the job stays 'delivering' through its 4 attempts
        receiver.delay(1_500).answerAlways(500);
        String jobId = upload();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedFor(jobId).size() >= 1);
        redeliver(jobId).then().statusCode(409).body("code", equalTo("delivery_in_progress"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("failed")).body("delivery.state", equalTo("exhausted")));
        receiver.delay(0).answerAlways(200);
        redeliver(jobId).then().statusCode(202);
        awaitCompleted(jobId);
    }

    private List<Response> inParallel(List<String> jobIds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CALLS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                String jobId = jobIds.get(i % jobIds.size());
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return redeliver(jobId);
                }, threads));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (CompletableFuture<Response> call : calls) {
                answers.add(call.get(30, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    private Response redeliver(String jobId) {
        return Api.withKey(key).post("/api/v1/jobs/" + jobId + "/redeliver");
    }

    private String completedJob() {
        String jobId = upload();
        awaitCompleted(jobId);
        return jobId;
    }

    private String upload() {
        return JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(32, 32, "png"))).then().statusCode(202)
                .extract().path("jobId");
    }

    private void awaitCompleted(String jobId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));
    }

    private static long count(List<Response> answers, int status) {
        return answers.stream().filter(answer -> answer.statusCode() == status).count();
    }

    private static int indexOf(List<Response> answers, int status) {
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).statusCode() == status) {
                return i;
            }
        }
        throw new AssertionError("no " + status + " in " + describe(answers));
    }

    private static String describe(List<Response> answers) {
        return answers.stream().map(answer -> answer.statusCode() + " " + answer.asString()).toList().toString();
    }
}
