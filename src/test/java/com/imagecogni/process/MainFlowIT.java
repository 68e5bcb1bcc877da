package com.imagecogni.process;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Images;
import com.imagecogni.support.PostbackReceiver;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The main flow against the packaged artifact, exactly as it would run against the native binary
 * ({@code ./mvnw verify -Dnative}): sign-up to a signed postback with the right ZIP.
 */
@QuarkusIntegrationTest
class MainFlowIT {

    private static final Pattern TOKEN = Pattern.compile("/verify\\?token=([A-Za-z0-9_-]+)");

    @Test
    void signUpToPostback() throws Exception {
        String email = "main-flow-" + System.nanoTime() + "@example.test";
        given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/v1/accounts").then().statusCode(202);
        String token = awaitToken(email);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "correct horse battery staple"))
                .post("/api/v1/accounts/verify").then().statusCode(200);
        String jwt = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "correct horse battery staple"))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
        String key = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + jwt).body(Map.of("name", "it"))
                .post("/api/v1/account/api-keys").then().statusCode(201).extract().path("key");
        try (PostbackReceiver receiver = new PostbackReceiver()) {
            String config = given().contentType(ContentType.JSON).header("Authorization", key).body("{\"name\": \"main\","
                    + " \"postbackUrl\": \"" + receiver.url() + "\", \"operations\": [{\"type\": \"resize\", \"sizes\":"
                    + " [{\"width\": 100}, {\"template\": \"instagram-square\"}]}, {\"type\": \"convert\", \"formats\": [\"webp\"]}]}")
                    .post("/api/v1/configurations").then().statusCode(201).extract().path("id");
            String jobId = given().header("Authorization", key).multiPart("configId", config)
                    .multiPart("sources", "photo.jpg", Images.gradient(400, 300, "jpg"), "image/jpeg").post("/api/v1/jobs").then()
                    .statusCode(202).extract().path("jobId");
            await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedFor(jobId).isEmpty());
            Map<String, byte[]> zip = com.imagecogni.job.ZipEntries.of(receiver.receivedFor(jobId).get(0).parts()
                    .get("outputZipFile").content());
            assertTrue(zip.containsKey("output/100w/photo.webp"), zip.keySet().toString());
            byte[] square = zip.get("output/instagram-square/photo.webp");
            assertEquals('W', (char) square[8], "WebP output");
            assertTrue(zip.containsKey("manifest.json"));
        }
    }

    private static String awaitToken(String email) {
        Path log = Path.of("target", "quarkus.log");
        String[] token = new String[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            if (!Files.exists(log)) {
                return false;
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            int at = text.lastIndexOf(email);
            Matcher m = TOKEN.matcher(at < 0 ? "" : text.substring(at));
            if (m.find()) {
                token[0] = m.group(1);
                return true;
            }
            return false;
        });
        return token[0];
    }
}
