package com.imagecogni.ops;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** OpenAPI covers the SPEC's API, Swagger UI is served, health and metrics report the service's own state. */
@QuarkusTest
class OperationsEndpointsTest {

    static final List<String> SPEC_PATHS = List.of("/api/v1/accounts", "/api/v1/accounts/verify", "/api/v1/auth/token",
            "/api/v1/account", "/api/v1/plans", "/api/v1/admin/accounts/{id}/plan", "/api/v1/account/ips",
            "/api/v1/account/ips/{id}", "/api/v1/account/api-keys", "/api/v1/account/api-keys/{id}", "/api/v1/configurations",
            "/api/v1/configurations/{id}", "/api/v1/templates", "/api/v1/jobs", "/api/v1/jobs/{id}",
            "/api/v1/jobs/{id}/result", "/api/v1/jobs/{id}/redeliver", "/api/v1/account/webhook-secret");

    @Inject
    TestAccounts accounts;

    @Test
    void openApiDocumentsEveryPathOfTheSpecAndTheProblemShape() {
        JsonPath doc = RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        for (String path : SPEC_PATHS) {
            if (doc.get("paths.'" + path + "'") == null) {
                throw new AssertionError("OpenAPI lacks " + path);
            }
        }
        RestAssured.given().queryParam("format", "json").get("/q/openapi").then()
                .body("components.schemas.Problem.properties.code", notNullValue())
                .body("paths.'/api/v1/jobs'.post.responses.'413'.description", containsString("payload_too_large"))
                .body("paths.'/api/v1/jobs'.post.responses.'402'.description", containsString("insufficient_credits"))
                .body("paths.'/api/v1/configurations'.post.responses.'422'.description", containsString("too_many_outputs"))
                .body("paths.'/api/v1/configurations'.post.responses.'413'.description", containsString("max-json-bytes"));
        RestAssured.get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void readinessIncludesTheDatabaseAndTheWorkerPool() {
        Api.management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("image worker pool"));
        Api.management().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountUploadsAndReportTheQueue() {
        TestAccounts.TestAccount account = accounts.create("metrics");
        String key = accounts.createApiKey(account);
        RestAssured.given().header("Authorization", key).multiPart("configId", "00000000-0000-0000-0000-000000000000")
                .multiPart("sources", "a.png", com.imagecogni.support.Images.gradient(8, 8, "png"), "image/png").post("/api/v1/jobs");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.management().get("/q/metrics").then().statusCode(200)
                .body(containsString("imagecogni_uploads_total{outcome=\"config_not_found\"}"))
                .body(containsString("imagecogni_jobs{state=\"queued\"}")));
        Api.management().get("/q/metrics").then().body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void healthAndMetricsAreNotServedOnThePublicPort() {
        RestAssured.get("/q/metrics").then().statusCode(404);
        RestAssured.get("/q/health/ready").then().statusCode(404);
        Api.management().get("/q/health/ready").then().statusCode(200);
    }
}
