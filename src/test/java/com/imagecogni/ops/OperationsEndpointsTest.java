package com.imagecogni.ops;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.imagecogni.pipeline.model.BlendMode;
import com.imagecogni.pipeline.model.FilterSpec;
import com.imagecogni.pipeline.model.TrimSpec;
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
    void openApiDocumentsEveryOperationTypeAndItsParametersFromThePipelinesEnums() throws Exception {
        String json = RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        // kept for a reviewer, as the browser test keeps its screenshots
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), json);
        JsonNode doc = new ObjectMapper().readTree(json);
        JsonNode schemas = doc.path("components").path("schemas");
        List<String> types = List.of("resize", "crop", "trim", "rotate", "flip", "convert", "compress", "watermark", "filter");
        JsonNode mapping = schemas.path("Operation").path("discriminator").path("mapping");
        assertThat(schemas.path("Operation").path("discriminator").path("propertyName").asText()).isEqualTo("type");
        assertThat(names(mapping)).containsExactlyElementsOf(types);
        List<String> oneOf = new ArrayList<>();
        schemas.path("Operation").path("oneOf").forEach(ref -> oneOf.add(ref.path("$ref").asText()));
        for (String type : types) {
            String ref = mapping.path(type).asText();
            assertThat(oneOf).as("Operation oneOf").contains(ref);
            JsonNode schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(schema.isMissingNode()).as(ref).isFalse();
            if (!type.equals("filter")) {
                assertThat(schema.path("properties").path("type").path("const").asText()).as(ref).isEqualTo(type);
            }
        }

        JsonNode threshold = schemas.path("TrimOperation").path("properties").path("threshold");
        assertThat(threshold.path("type").toString()).contains("integer");
        assertThat(threshold.path("minimum").asInt()).isZero();
        assertThat(threshold.path("maximum").asInt()).isEqualTo(255);
        assertThat(threshold.path("default").asInt()).isEqualTo(TrimSpec.DEFAULT_THRESHOLD);
        assertThat(threshold.path("description").asText()).isNotBlank();

        JsonNode filters = schemas.path("FilterOperation");
        assertThat(filters.path("discriminator").path("propertyName").asText()).isEqualTo("filter");
        assertThat(names(filters.path("discriminator").path("mapping")))
                .containsExactlyElementsOf(Arrays.stream(FilterSpec.Kind.values()).map(FilterSpec.Kind::jsonName).toList());
        for (FilterSpec.Kind kind : FilterSpec.Kind.values()) {
            String ref = filters.path("discriminator").path("mapping").path(kind.jsonName()).asText();
            JsonNode properties = schemas.path(ref.substring(ref.lastIndexOf('/') + 1)).path("properties");
            assertThat(properties.path("type").path("const").asText()).isEqualTo("filter");
            assertThat(properties.path("filter").path("const").asText()).isEqualTo(kind.jsonName());
            JsonNode amount = properties.path("amount");
            assertThat(amount.path("minimum").decimalValue().doubleValue()).as(kind + " min").isEqualTo(kind.min());
            assertThat(amount.path("maximum").decimalValue().doubleValue()).as(kind + " max").isEqualTo(kind.max());
            assertThat(amount.path("default").decimalValue().doubleValue()).as(kind + " default").isEqualTo(kind.defaultAmount());
            assertThat(amount.path("description").asText()).as(kind + " meaning").contains(kind.meaning());
            assertThat(properties.has("color")).as(kind + " color").isEqualTo(kind == FilterSpec.Kind.BORDER);
        }
        assertThat(schemas.path("BorderFilter").path("properties").path("color").path("default").asText()).isEqualTo("#000000");

        JsonNode mode = schemas.path("WatermarkOperation").path("properties").path("mode");
        List<String> modes = new ArrayList<>();
        mode.path("enum").forEach(m -> modes.add(m.asText()));
        assertThat(modes).containsExactly("normal", "multiply", "screen", "overlay")
                .containsExactlyElementsOf(Arrays.stream(BlendMode.values()).map(BlendMode::jsonName).toList());
        assertThat(mode.path("default").asText()).isEqualTo("normal");
        List<String> positions = new ArrayList<>();
        schemas.path("WatermarkOperation").path("properties").path("position").path("enum").forEach(p -> positions.add(p.asText()));
        assertThat(positions).contains("southeast").doesNotContain("smart");

        // the configuration bodies refer to them
        assertThat(schemas.path("ConfigurationRequest").path("properties").path("operations").path("items").path("$ref")
                .asText()).isEqualTo("#/components/schemas/Operation");
        JsonNode paths = doc.path("paths");
        assertThat(bodySchema(paths.path("/api/v1/configurations").path("post"))).isEqualTo("#/components/schemas/ConfigurationRequest");
        assertThat(bodySchema(paths.path("/api/v1/configurations/{id}").path("put"))).isEqualTo("#/components/schemas/ConfigurationRequest");
        assertThat(bodySchema(paths.path("/api/v1/configurations/estimate").path("post"))).isEqualTo("#/components/schemas/OperationsRequest");
        assertThat(paths.path("/api/v1/configurations").path("post").path("requestBody").path("content")
                .path("application/json").path("examples").size()).as("the SPEC example stays").isPositive();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String bodySchema(JsonNode operation) {
        return operation.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText();
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
                .body(containsString("imagecogni_jobs{state=\"queued\"}"))
                .body(containsString("imagecogni_queue_depth{kind=\"process\"}"))
                .body(containsString("imagecogni_queue_depth{kind=\"deliver\"}")));
        Api.management().get("/q/metrics").then().body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void healthAndMetricsAreNotServedOnThePublicPort() {
        RestAssured.get("/q/metrics").then().statusCode(404);
        RestAssured.get("/q/health/ready").then().statusCode(404);
        Api.management().get("/q/health/ready").then().statusCode(200);
    }
}
