package com.imagecogni.job;

import java.util.Map;

import com.imagecogni.support.Api;
import com.imagecogni.support.TestAccounts;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Configurations and multipart uploads for job tests. */
final class JobFixtures {

    private JobFixtures() {
    }

    static String config(TestAccounts.TestAccount account, String postbackUrl, String operations) {
        return Api.asUser(account.jwt()).body("{\"name\": \"test-config\", \"postbackUrl\": \"" + postbackUrl
                + "\", \"operations\": " + operations + "}").post("/api/v1/configurations").then().statusCode(201)
                .extract().path("id");
    }

    /** As above, with its postbacks sent as {@code postbackFormat} (multipart or json). */
    static String config(TestAccounts.TestAccount account, String postbackUrl, String operations, String postbackFormat) {
        // named apart from the one above, so a test may have both
        return Api.asUser(account.jwt()).body("{\"name\": \"test-config-" + postbackFormat + "-" + Long.toHexString(
                System.nanoTime()) + "\", \"postbackUrl\": \"" + postbackUrl + "\", \"postbackFormat\": \"" + postbackFormat + "\", \"operations\": " + operations + "}")
                .post("/api/v1/configurations").then().statusCode(201).body("postbackFormat", org.hamcrest.Matchers.equalTo(
                        postbackFormat)).extract().path("id");
    }

    static Response upload(String apiKey, String configId, Map<String, byte[]> files) {
        return upload(RestAssured.given().header("Authorization", apiKey), configId, files);
    }

    static Response upload(RequestSpecification request, String configId, Map<String, byte[]> files) {
        RequestSpecification spec = request.multiPart("configId", configId);
        // LinkedHashMap keeps the order; Map.of does not, so tests sort their expectations by name where it matters
        for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(files).descendingMap().entrySet()) {
            spec = spec.multiPart("sources", file.getKey(), file.getValue(), "application/octet-stream");
        }
        return spec.post("/api/v1/jobs");
    }
}
