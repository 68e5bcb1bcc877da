package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Images;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A job whose work outgrows its budget stops on its own: the worker fails the source with time_limit_exceeded and
 * goes on, and a configuration stored before the output cap existed is refused by the pipeline, not run for ever.
 */
@QuarkusTest
@TestProfile(RunawayJobTest.ShortTimeLimit.class)
class RunawayJobTest extends ReceivingCustomerTest {

    /** A two-second time budget per job. */
    public static class ShortTimeLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("imagecogni.jobs.time-limit", "2s");
        }
    }

    /** 20 x 20 = 400 outputs, the most the cap allows; each a large Lanczos resize and a PNG encode. */
    @Override
    String operations() {
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sizes.append(i == 0 ? "" : ",").append("{\"width\": ").append(1500 - i).append("}");
        }
        String resize = "{\"type\": \"resize\", \"upscale\": true, \"sizes\": [" + sizes + "]}";
        return "[" + resize + "," + resize + "]";
    }

    @Test
    void aJobPastItsTimeLimitIsStoppedByItsWorkerAndRefunded() throws Exception {
        long started = System.nanoTime();
        String jobId = JobFixtures.upload(key, configId, Map.of("big.png", Images.gradient(1600, 1200, "png")))
                .then().statusCode(202).body("credits", equalTo(420)).extract().path("jobId");
        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .body("sources[0].error.reason", equalTo("time_limit_exceeded"))
                .body("credits.refunded", equalTo(420));
        assertEquals(1, db.one("select attempts from job where id = $1", UUID.fromString(jobId)).getInteger("attempts"),
                "stopped by its worker on the first attempt, not by an expired lease");
        // 400 renditions of 1.5 MP would take minutes; the worker stopped near the 2 s budget
        assertThat(seconds, lessThan(30L));

        // and the worker is free for the next job
        String small = Api.asUser(account.jwt()).body("{\"name\": \"small\", \"postbackUrl\": \"" + receiver.url()
                + "\", \"operations\": [{\"type\": \"resize\", \"sizes\": [{\"width\": 8}]}]}").post("/api/v1/configurations")
                .then().statusCode(201).extract().path("id");
        String next = JobFixtures.upload(key, small, Map.of("a.png", Images.gradient(16, 16, "png"))).then().statusCode(202)
                .extract().path("jobId");
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.receivedFor(next).isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + next).then()
                .body("status", equalTo("completed")).body("sources[0].status", equalTo("succeeded")));
    }

    @Test
    void aStoredConfigurationOverTheOutputCapFailsItsSourcesInsteadOfRunning() throws Exception {
        // written straight into the table, as a version saved before the cap existed: 30 resizes of 20 sizes
        StringBuilder ops = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            ops.append(i == 0 ? "" : ",").append("{\"type\": \"resize\", \"sizes\": [");
            for (int j = 0; j < 20; j++) {
                ops.append(j == 0 ? "" : ",").append("{\"width\": ").append(1 + j).append("}");
            }
            ops.append("]}");
        }
        ops.append("]");
        db.query("update configuration_version set operations = $1, credits_per_source = 984 where configuration_id = $2",
                ops.toString(), UUID.fromString(configId));
        String jobId = JobFixtures.upload(key, configId, Map.of("one.png", Images.gradient(1, 1, "png")))
                .then().statusCode(202).body("credits", equalTo(984)).extract().path("jobId");
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.receivedFor(jobId).isEmpty());
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("sources[0].status", equalTo("failed"))
                .body("sources[0].error.reason", equalTo("too_many_outputs")).body("credits.refunded", equalTo(984));
        // the configuration reads back as saved, with a warning instead of a 500
        String hint = Api.asUser(account.jwt()).get("/api/v1/configurations/" + configId).then().statusCode(200)
                .extract().path("hint");
        assertEquals(true, hint.contains("more than 400 images"), hint);
    }
}
