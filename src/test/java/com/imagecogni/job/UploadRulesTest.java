package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Images;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/** What an upload is refused for, credits reserved and refunded, idempotency. */
@QuarkusTest
class UploadRulesTest extends ReceivingCustomerTest {

    @Test
    void refusals() {
        RestAssured.given().header("Authorization", key).multiPart("configId", configId).post("/api/v1/jobs").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("missing_sources"));
        long orphans = blobsOfNoJob();
        JobFixtures.upload(key, "00000000-0000-0000-0000-000000000000", Map.of("a.png", Images.gradient(8, 8, "png")))
                .then().statusCode(404).body("code", equalTo("config_not_found"));
        assertEquals(orphans, blobsOfNoJob(), "the refused upload's bytes were stored before the statement refused it, then removed");
        JobFixtures.upload(key, configId, Map.of("script.jpg", "#!/bin/sh\necho pwned\n".getBytes())).then()
                .statusCode(415).body("code", equalTo("unsupported_media_type")).body("detail", containsString("script.jpg"));
        JobFixtures.upload(RestAssured.given(), configId, Map.of("a.png", Images.gradient(8, 8, "png"))).then()
                .statusCode(401).body("code", equalTo("unauthorized"));
        JobFixtures.upload(RestAssured.given().header("Authorization", "Bearer " + account.jwt()), configId,
                Map.of("a.png", Images.gradient(8, 8, "png"))).then().statusCode(403);
        JobFixtures.upload(Api.connectionFrom("127.0.0.2").header("Authorization", key), configId,
                Map.of("a.png", Images.gradient(8, 8, "png"))).then().statusCode(403).body("code", equalTo("ip_not_allowed"));
    }

    @Test
    void requestsOverTheLimitGet413ProblemJson() {
        byte[] big = new byte[40 * 1024 * 1024 + 1];
        RestAssured.given().header("Authorization", key).multiPart("configId", configId)
                .multiPart("sources", "big.png", big, "image/png").post("/api/v1/jobs").then()
                .statusCode(413).contentType("application/problem+json").body("code", equalTo("payload_too_large"));
    }

    @Test
    void aBadSourceFailsAloneAndItsCreditsAreRefunded() {
        byte[] png = Images.gradient(40, 20, "png");
        byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);
        String jobId = JobFixtures.upload(key, configId, Map.of("a-good.png", png, "b-broken.png", truncated,
                "c-good.png", png)).then().statusCode(202).body("credits", equalTo(3)).extract().path("jobId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.withKey(key).get("/api/v1/jobs/" + jobId).then()
                .body("status", equalTo("completed")));
        Api.withKey(key).get("/api/v1/jobs/" + jobId).then().body("credits.reserved", equalTo(3))
                .body("credits.refunded", equalTo(1)).body("credits.charged", equalTo(2))
                .body("sources.find { it.name == 'b-broken.png' }.status", equalTo("failed"))
                .body("sources.find { it.name == 'b-broken.png' }.error.reason", equalTo("corrupt_image"))
                .body("sources.find { it.name == 'c-good.png' }.status", equalTo("succeeded"));
        assertEquals(2L, used());
        Api.asUser(account.jwt()).get("/api/v1/account").then().body("credits.used", equalTo(2))
                // My Plan's chart: what the period's jobs cost per UTC day, the same 2
                .body("credits.byDay", org.hamcrest.Matchers.hasSize(1))
                .body("credits.byDay[0].day", equalTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()))
                .body("credits.byDay[0].credits", equalTo(2));
    }

    @Test
    void insufficientCreditsAre402AndConcurrentUploadsNeverOverspend() throws Exception {
        db.query("insert into credit_usage (id, account_id, period_start, used, updated_at) values (gen_random_uuid(),"
                + " $1::uuid, date_trunc('month', now() at time zone 'utc')::date, 990, now())", account.accountId());
        JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(8, 8, "png"))).then().statusCode(202);
        // 9 credits left; 16 single-source uploads race for them
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Callable<Integer> upload = () -> JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(8, 8, "png")))
                    .statusCode();
            results.add(pool.submit(upload));
        }
        int accepted = 0;
        int refused = 0;
        for (Future<Integer> result : results) {
            int status = result.get();
            if (status == 202) {
                accepted++;
            } else if (status == 402) {
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(9, accepted);
        assertEquals(7, refused);
        assertEquals(1000L, used());
        JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(8, 8, "png"))).then().statusCode(402)
                .body("code", equalTo("insufficient_credits"));
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstJob() {
        String first = JobFixtures.upload(RestAssured.given().header("Authorization", key).header("Idempotency-Key", "order-42"),
                configId, Map.of("a.png", Images.gradient(8, 8, "png"))).then().statusCode(202).extract().path("jobId");
        String second = JobFixtures.upload(RestAssured.given().header("Authorization", key).header("Idempotency-Key", "order-42"),
                configId, Map.of("a.png", Images.gradient(8, 8, "png"))).then().statusCode(202).extract().path("jobId");
        assertEquals(first, second);
        assertEquals(1L, db.one("select count(*) as n from job where account_id = $1::uuid", account.accountId()).getLong("n"));
        assertEquals(1L, used());
    }

    @Test
    void aFullQueueAnswers429And503WithRetryAfter() {
        // 100 queued jobs of this account that no worker will run for an hour
        String fill = "with j as (insert into job (id, account_id, configuration_id, configuration_version, status, sources_count,"
                + " credits_reserved, period_start, webhook_id, created_at)"
                + " select gen_random_uuid(), $1::uuid, $2::uuid, 1, 'queued', 1, 0, current_date, 'msg_x', now()"
                + " from generate_series(1, $3) returning id)"
                + " insert into work_item (job_id, kind, run_at) select id, 'process', now() + interval '1 hour' from j";
        db.query(fill, account.accountId(), configId, 100);
        try {
            JobFixtures.upload(key, configId, Map.of("a.png", Images.gradient(8, 8, "png"))).then().statusCode(429)
                    .contentType("application/problem+json").body("code", equalTo("too_many_queued_jobs"))
                    .header("Retry-After", equalTo("10"));
            TestAccounts.TestAccount other = accounts.create("upload-other");
            String otherKey = accounts.createApiKey(other);
            String otherConfig = JobFixtures.config(other, receiver.url(), "[{\"type\": \"rotate\", \"degrees\": 90}]");
            db.query(fill, other.accountId(), otherConfig, 95);
            db.query(fill, account.accountId(), configId, 805);
            JobFixtures.upload(otherKey, otherConfig, Map.of("a.png", Images.gradient(8, 8, "png"))).then().statusCode(503)
                    .body("code", equalTo("queue_full")).header("Retry-After", equalTo("10"));
        } finally {
            db.query("delete from job where webhook_id = 'msg_x'");
        }
    }

    private long blobsOfNoJob() {
        return db.one("select count(*) from blob b where b.key like 'jobs/%'"
                + " and not exists (select 1 from job j where j.id::text = substring(b.key from 6 for 36))").getLong(0);
    }

    private long used() {
        return db.one("select coalesce(sum(used), 0) as used from credit_usage where account_id = $1::uuid", account.accountId())
                .getLong("used");
    }
}
