package com.imagecogni.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.imagecogni.delivery.PostbackFormat;
import com.imagecogni.delivery.PostbackTargets;
import com.imagecogni.job.JobIntake;
import com.imagecogni.job.JobRequestReader;
import com.imagecogni.outbound.UrlRules;
import com.imagecogni.pipeline.model.OperationSpec;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The request and response schemas of /q/openapi say what the code reads and writes: the configuration bodies have
 * exactly the reader's fields and limits, each operation type exactly the fields its parser accepts, and an upload's
 * {@code JobAccepted} exactly the fields of the record the upload answers with, its JSON request ({@code JobRequest})
 * exactly the fields its reader accepts.
 */
@QuarkusTest
class ApiDocumentMatchesCodeTest {

    private JsonNode doc;

    @BeforeEach
    void document() throws Exception {
        doc = new ObjectMapper().readTree(RestAssured.given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
    }

    @Test
    void configurationBodiesHaveTheReadersFieldsAndLimits() {
        JsonNode request = schema("ConfigurationRequest");
        assertThat(names(request.path("properties"))).containsExactlyElementsOf(ConfigurationReader.FIELDS);
        assertThat(texts(request.path("required"))).containsExactlyElementsOf(ConfigurationReader.REQUIRED);
        assertThat(request.path("additionalProperties").asBoolean(true)).as("unknown fields are refused").isFalse();
        JsonNode properties = request.path("properties");
        assertThat(properties.path("name").path("maxLength").asInt()).isEqualTo(ConfigurationReader.MAX_NAME);
        assertThat(properties.path("postbackUrl").path("maxLength").asInt()).isEqualTo(PostbackTargets.MAX_LENGTH);
        assertThat(properties.path("operations").path("maxItems").asInt()).isEqualTo(OperationSpec.MAX_PER_CONFIGURATION);
        assertThat(texts(properties.path("postbackFormat").path("enum"))).containsExactly("multipart", "json");
        assertThat(properties.path("postbackFormat").path("default").asText()).isEqualTo("multipart");
        assertThat(texts(schema("ConfigurationView").path("properties").path("postbackFormat").path("enum")))
                .containsExactlyElementsOf(PostbackFormat.names());
        assertThat(texts(properties.path("postbackFormat").path("enum"))).containsExactlyElementsOf(PostbackFormat.names());
        assertThat(properties.path("operations").path("items").path("$ref").asText()).isEqualTo("#/components/schemas/Operation");

        JsonNode operations = schema("OperationsRequest");
        assertThat(names(operations.path("properties"))).containsExactlyElementsOf(ConfigurationReader.FIELDS);
        assertThat(texts(operations.path("required"))).containsExactly("operations");

        assertThat(schema("ConfigurationView").path("properties").path("operations").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/Operation");
        assertThat(doc.path("components").path("schemas").has("JsonNode")).as("no Jackson tree type in the document")
                .isFalse();
        assertThat(doc.path("components").path("schemas").has("JsonNodeType")).isFalse();
    }

    @Test
    void eachOperationSchemaHasExactlyTheFieldsItsParserAccepts() {
        JsonNode mapping = schema("Operation").path("discriminator").path("mapping");
        assertThat(names(mapping)).containsExactlyElementsOf(OperationParser.FIELDS.keySet());
        OperationParser.FIELDS.forEach((type, fields) -> {
            JsonNode operation = resolve(mapping.path(type));
            Set<String> documented = new LinkedHashSet<>(names(operation.path("properties")));
            // the filter operation is one of a schema per filter kind: together they document its fields
            operation.path("oneOf").forEach(kind -> documented.addAll(names(resolve(kind).path("properties"))));
            assertThat(documented).as(type).containsExactlyInAnyOrderElementsOf(fields);
        });
        assertThat(names(schema("Size").path("properties"))).containsExactlyInAnyOrderElementsOf(OperationParser.SIZE_FIELDS);
    }

    @Test
    void anUploadIsDocumentedWithTheFieldsItAnswers() {
        List<String> fields = Arrays.stream(JobIntake.Accepted.class.getRecordComponents()).map(c -> c.getName()).toList();
        assertThat(names(schema("JobAccepted").path("properties"))).containsExactlyInAnyOrderElementsOf(fields);
        JsonNode upload = doc.path("paths").path("/api/v1/jobs").path("post");
        assertThat(upload.path("responses").path("202").path("content").path("application/json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/JobAccepted");
        JsonNode form = upload.path("requestBody").path("content").path("multipart/form-data").path("schema");
        assertThat(form.path("properties").path("configId").path("format").asText()).isEqualTo("uuid");
        assertThat(form.path("properties").path("sources").path("items").path("format").asText()).isEqualTo("binary");
        // files, URLs or both: neither part alone is required
        assertThat(texts(form.path("required"))).containsExactly("configId");
        assertThat(form.path("properties").path("sourceUrls").path("items").path("format").asText()).isEqualTo("uri");
        assertThat(form.path("properties").path("sourceUrls").path("items").path("maxLength").asInt()).isEqualTo(UrlRules.MAX_LENGTH);

        assertThat(upload.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/JobRequest");
        JsonNode request = schema("JobRequest");
        assertThat(names(request.path("properties"))).containsExactlyElementsOf(JobRequestReader.FIELDS);
        assertThat(texts(request.path("required"))).containsExactlyElementsOf(JobRequestReader.FIELDS);
        assertThat(request.path("additionalProperties").asBoolean(true)).as("unknown fields are refused").isFalse();
        assertThat(request.path("properties").path("sourceUrls").path("items").path("maxLength").asInt())
                .isEqualTo(UrlRules.MAX_LENGTH);
    }

    private JsonNode schema(String name) {
        JsonNode schema = doc.path("components").path("schemas").path(name);
        assertThat(schema.isMissingNode()).as(name).isFalse();
        return schema;
    }

    private JsonNode resolve(JsonNode reference) {
        String ref = reference.isTextual() ? reference.asText() : reference.path("$ref").asText();
        return schema(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
