package com.imagecogni.process;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A customer of a running service process, set up through its public API like a person would. */
final class Customer {

    private static final Pattern TOKEN = Pattern.compile("/verify\\?token=([A-Za-z0-9_-]+)");
    static final String PASSWORD = "correct horse battery staple";

    final String email;
    final String jwt;
    final String apiKey;
    final String webhookSecret;

    private Customer(String email, String jwt, String apiKey, String webhookSecret) {
        this.email = email;
        this.jwt = jwt;
        this.apiKey = apiKey;
        this.webhookSecret = webhookSecret;
    }

    static Customer signUp(ServiceProcess service) {
        String email = "it-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        json(service).body(Map.of("email", email)).post("/api/v1/accounts").then().statusCode(202);
        String token = null;
        for (int i = 0; i < 100 && token == null; i++) {
            ServiceProcess.sleep(100);
            String log = service.log();
            int at = log.lastIndexOf(email);
            Matcher m = TOKEN.matcher(at < 0 ? "" : log.substring(at));
            token = m.find() ? m.group(1) : null;
        }
        if (token == null) {
            throw new IllegalStateException("no verification mail for " + email + " in the log of " + service.name);
        }
        json(service).body(Map.of("token", token, "password", PASSWORD)).post("/api/v1/accounts/verify").then().statusCode(200);
        String jwt = json(service).body(Map.of("email", email, "password", PASSWORD)).post("/api/v1/auth/token").then()
                .statusCode(200).extract().path("accessToken");
        String key = json(service).header("Authorization", "Bearer " + jwt).body(Map.of("name", "it"))
                .post("/api/v1/account/api-keys").then().statusCode(201).extract().path("key");
        String secret = json(service).header("Authorization", "Bearer " + jwt).get("/api/v1/account/webhook-secret").then()
                .statusCode(200).extract().path("secret");
        return new Customer(email, jwt, key, secret);
    }

    String configuration(ServiceProcess service, String postbackUrl, String operations) {
        return json(service).header("Authorization", apiKey).body("{\"name\": \"it-" + UUID.randomUUID().toString().substring(0, 6)
                + "\", \"postbackUrl\": \"" + postbackUrl + "\", \"operations\": " + operations + "}")
                .post("/api/v1/configurations").then().statusCode(201).extract().path("id");
    }

    Response upload(ServiceProcess service, String configId, String fileName, byte[] bytes) {
        return given().baseUri("http://127.0.0.1").port(service.port).header("Authorization", apiKey)
                .multiPart("configId", configId).multiPart("sources", fileName, bytes, "application/octet-stream")
                .post("/api/v1/jobs");
    }

    /** One job of several files, in the map's order. */
    Response upload(ServiceProcess service, String configId, java.util.Map<String, byte[]> files) {
        RequestSpecification request = given().baseUri("http://127.0.0.1").port(service.port).header("Authorization", apiKey)
                .multiPart("configId", configId);
        files.forEach((name, bytes) -> request.multiPart("sources", name, bytes, "application/octet-stream"));
        return request.post("/api/v1/jobs");
    }

    Response job(ServiceProcess service, String jobId) {
        return given().baseUri("http://127.0.0.1").port(service.port).header("Authorization", apiKey).get("/api/v1/jobs/" + jobId);
    }

    /** How many of this customer's recent jobs (first page of 100) are in {@code state}. */
    int jobsInState(ServiceProcess service, String state) {
        List<String> states = given().baseUri("http://127.0.0.1").port(service.port).header("Authorization", apiKey)
                .queryParam("size", 100).get("/api/v1/jobs").then().statusCode(200).extract().path("items.status");
        return (int) states.stream().filter(state::equals).count();
    }

    static RequestSpecification json(ServiceProcess service) {
        return given().baseUri("http://127.0.0.1").port(service.port).contentType(ContentType.JSON);
    }
}
