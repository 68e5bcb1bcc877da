package com.imagecogni.job;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.Images;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * "Try on a sample image": unsaved operations on one image, answered with the result ZIP, charged like a job of one
 * source (refunded when the image fails), recorded as a try, never a job or a postback; refused as a save would be.
 */
@QuarkusTest
class SampleTryTest {

    private static final String TWO_PNGS = """
            [{"type": "resize", "sizes": [{"width": 100}, {"width": 50}]}, {"type": "convert", "formats": ["png"]}]""";

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Test
    void theOutputsComeBackAsAZipAndCostWhatAJobOfOneSourceCosts() throws Exception {
        TestAccounts.TestAccount account = accounts.create("try");
        Response answer = tryOn(account.jwt(), TWO_PNGS, "photo.jpg", Images.gradient(400, 300, "jpg"));
        answer.then().statusCode(200).contentType("application/zip").header(SampleTryResource.CREDITS_HEADER, "4");

        Map<String, byte[]> zip = ZipEntries.of(answer.asByteArray());
        assertTrue(zip.containsKey("configuration/sample.json"), zip.keySet().toString());
        assertArrayEquals(new int[] { 100, 75 }, Images.size(zip.get("output/100w/photo.png")));
        assertArrayEquals(new int[] { 50, 38 }, Images.size(zip.get("output/50w/photo.png")));
        assertTrue(new String(zip.get("manifest.json")).matches("(?s).*\"succeeded\"\\s*:\\s*1.*"));

        // resize makes 2 images (2 credits), convert makes 2 (2 more)
        assertEquals(4, used(account));
        assertEquals(1, db.one("select count(*) from sample_try where account_id = $1::uuid and credits = 4",
                account.accountId()).getLong(0));
        assertEquals(0, db.one("select count(*) from job where account_id = $1::uuid", account.accountId()).getLong(0),
                "a try is not a job: no row, no postback");
        Api.asUser(account.jwt()).get("/api/v1/account").then().body("credits.used", equalTo(4))
                .body("credits.byDay[0].credits", equalTo(4));
    }

    @Test
    void aSampleThatFailsIsRefundedAndSaysWhy() {
        TestAccounts.TestAccount account = accounts.create("tryfail");
        byte[] cut = java.util.Arrays.copyOf(Images.gradient(64, 64, "png"), 60);
        tryOn(account.jwt(), TWO_PNGS, "cut.png", cut).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("corrupt_image"));
        assertEquals(0, used(account), "refunded");
        assertEquals(0, db.one("select count(*) from sample_try where account_id = $1::uuid", account.accountId()).getLong(0));

        tryOn(account.jwt(), TWO_PNGS, "script.jpg", "#!/bin/sh\n".getBytes()).then().statusCode(415)
                .body("code", equalTo("unsupported_media_type"));
        assertEquals(0, used(account));
    }

    @Test
    void operationsAreCheckedAsASaveChecksThem() {
        TestAccounts.TestAccount account = accounts.create("trycheck");
        byte[] png = Images.gradient(64, 64, "png");
        tryOn(account.jwt(), "[{\"type\": \"resize\", \"sizes\": [{\"width\": -1}]}]", "a.png", png).then()
                .statusCode(422).body("code", equalTo("validation_failed"))
                .body("errors.path", hasItem("$.operations[0].sizes[0].width"));
        tryOn(account.jwt(), "[{\"type\": ", "a.png", png).then().statusCode(422).body("errors.path", hasItem("$.operations"));
        tryOn(account.jwt(), "[{\"type\": \"watermark\", \"text\": \"x\"}]", "a.png", png).then().statusCode(403)
                .body("code", equalTo("feature_not_in_plan"));
        RestAssured.given().header("Authorization", "Bearer " + account.jwt()).multiPart("operations", TWO_PNGS)
                .post("/api/v1/configurations/try").then().statusCode(400).body("code", equalTo("missing_sources"));
        // a backend's API key cannot: the try is the dashboard's, for a person signed in
        String key = accounts.createApiKey(account);
        RestAssured.given().header("Authorization", key).multiPart("operations", TWO_PNGS)
                .multiPart("source", "a.png", png, "image/png").post("/api/v1/configurations/try").then().statusCode(403);
        assertEquals(0, used(account));
    }

    private static Response tryOn(String jwt, String operations, String name, byte[] image) {
        return RestAssured.given().header("Authorization", "Bearer " + jwt).multiPart("operations", operations)
                .multiPart("source", name, image, "application/octet-stream").post("/api/v1/configurations/try");
    }

    private long used(TestAccounts.TestAccount account) {
        return db.one("select coalesce(sum(used), 0) from credit_usage where account_id = $1::uuid", account.accountId())
                .getLong(0);
    }
}
