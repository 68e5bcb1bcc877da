package com.imagecogni.configuration;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** What one request may ask of the service: outputs per source, errors per answer, bytes per JSON body. */
@QuarkusTest
class ConfigurationLimitsTest {

    @Inject
    TestAccounts accounts;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void outputsPerSourceAreCappedAtSaveAndEstimate() {
        TestAccounts.TestAccount account = accounts.create("cap");
        // 20 x 20 = 400 images: the cap itself is allowed
        save(account, "four-hundred", repeat(resize(20), 2)).then().statusCode(201).body("creditsPerSource", equalTo(420));
        // 8 resizes of 20 sizes gave a 500 ArithmeticException: 2.56e10 images per source
        save(account, "eight", repeat(resize(20), 8)).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("too_many_outputs")).body("errors[0].path", equalTo("$.operations"))
                .body("detail", containsString("25600000000 images"));
        Api.asUser(account.jwt()).body("{\"operations\": [" + repeat(resize(20), 8) + "]}")
                .post("/api/v1/configurations/estimate").then().statusCode(422).body("code", equalTo("too_many_outputs"));
        // 43 operations of resize and compress: reported 984 credits, made ~4e38 images
        String wrapped = repeat(resize(20), 30) + "," + repeat("{\"type\": \"compress\", \"quality\": 70}", 13);
        save(account, "wrapped", wrapped).then().statusCode(422).body("code", equalTo("too_many_outputs"));
        Api.asUser(account.jwt()).body("{\"operations\": [" + wrapped + "]}").post("/api/v1/configurations/estimate")
                .then().statusCode(422).body("code", equalTo("too_many_outputs"));
        Api.asUser(account.jwt()).get("/api/v1/configurations").then().body("$", hasSize(1));
    }

    @Test
    void aBodyOfManyUnknownFieldsGetsFiftyErrorsAndACount() {
        TestAccounts.TestAccount account = accounts.create("manyerrors");
        StringBuilder body = new StringBuilder("{\"name\": \"x\", \"postbackUrl\": \"https://hooks.example.com/in\",");
        for (int i = 0; i < 10_000; i++) {
            body.append("\"unknown").append(i).append("\": 1,");
        }
        body.append("\"operations\": [").append(resize(1)).append("]}");
        Api.asUser(account.jwt()).body(body.toString()).post("/api/v1/configurations").then().statusCode(422)
                .body("code", equalTo("validation_failed")).body("errors", hasSize(50))
                .body("detail", containsString("the first 50 of 10000"));
    }

    @Test
    void jsonBodiesOverOneMebibyteAre413EvenWhenStreamed() throws Exception {
        TestAccounts.TestAccount account = accounts.create("bigjson");
        String big = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
        Api.asUser(account.jwt()).body(big).post("/api/v1/configurations").then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("payload_too_large"))
                .body("detail", containsString("1048576 bytes"));

        // no Content-Length: chunked over HTTP/1.1 and a plain stream over HTTP/2 are counted as they are read
        String small = "{\"name\": \"streamed\", \"postbackUrl\": \"https://hooks.example.com/in\", \"operations\": ["
                + resize(2) + "]}";
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpResponse<String> refused = streamed(account, version, big);
            assertEquals(413, refused.statusCode(), version + ": " + refused.body());
            assertTrue(refused.body().contains("payload_too_large"), refused.body());
            // a streamed body under the limit still reaches the endpoint
            HttpResponse<String> accepted = streamed(account, version, small.replace("streamed", "streamed-" + version));
            assertEquals(201, accepted.statusCode(), version + ": " + accepted.body());
            assertTrue(accepted.body().contains("\"creditsPerSource\":2"), accepted.body());
        }
    }

    /** POSTs {@code body} as a stream of unknown length, so no Content-Length is sent. */
    private HttpResponse<String> streamed(TestAccounts.TestAccount account, HttpClient.Version version, String body)
            throws Exception {
        return HttpClient.newBuilder().version(version).build().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/configurations"))
                .header("Authorization", "Bearer " + account.jwt()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static io.restassured.response.Response save(TestAccounts.TestAccount account, String name, String operations) {
        return Api.asUser(account.jwt()).body("{\"name\": \"" + name
                + "\", \"postbackUrl\": \"https://hooks.example.com/in\", \"operations\": [" + operations + "]}")
                .post("/api/v1/configurations");
    }

    private static String repeat(String operation, int times) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            list.add(operation);
        }
        return String.join(",", list);
    }

    private static String resize(int sizes) {
        List<String> list = new ArrayList<>();
        for (int i = 1; i <= sizes; i++) {
            list.add("{\"width\": " + (i * 50) + "}");
        }
        return "{\"type\": \"resize\", \"sizes\": [" + String.join(", ", list) + "]}";
    }
}
