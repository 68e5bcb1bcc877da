package com.imagecogni.configuration;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.imagecogni.pipeline.model.FilterSpec;
import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

@QuarkusTest
class ConfigurationApiTest {

    static final String SPEC_EXAMPLE = ConfigurationResource.SPEC_EXAMPLE;


    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Test
    void specExampleSavesWithItsCreditsAndAHint() {
        TestAccounts.TestAccount account = accounts.create("cfg");
        String id = Api.asUser(account.jwt()).body(SPEC_EXAMPLE).post("/api/v1/configurations").then().statusCode(201)
                .header("Location", containsString("/api/v1/configurations/"))
                .body("name", equalTo("product-images")).body("version", equalTo(1))
                .body("operations[0].sizes", hasSize(3)).body("creditsPerSource", equalTo(12))
                .body("hint", equalTo("order as compress, convert, resize: 9 instead of 12 credits per source"))
                .extract().path("id");
        Api.asUser(account.jwt()).get("/api/v1/configurations/" + id).then().statusCode(200)
                .body("postbackUrl", equalTo("https://shop.example.com/hooks/images")).body("creditsPerSource", equalTo(12));
        Api.asUser(account.jwt()).get("/api/v1/account").then().body("usage.configurations", equalTo(1));
    }

    @Test
    void resizeThenConvertCostsNine() {
        TestAccounts.TestAccount account = accounts.create("cfg9");
        create(account, "nine", """
                [{"type": "resize", "sizes": [{"width": 800}, {"height": 600}, {"percent": 25}]},
                 {"type": "convert", "formats": ["webp", "png"]}]""")
                .statusCode(201).body("creditsPerSource", equalTo(9))
                .body("hint", equalTo("put convert before resize: 8 instead of 9 credits per source"));
    }

    @Test
    void compressBeforeResizeIsSuggested() {
        TestAccounts.TestAccount account = accounts.create("cfghint");
        create(account, "twenty", "[" + resize(20) + ", {\"type\": \"compress\", \"quality\": 70}]")
                .statusCode(201).body("creditsPerSource", equalTo(40))
                .body("hint", equalTo("put compress before resize: 21 instead of 40 credits per source"));
    }

    @Test
    void theEstimateAnswersWhileEditingAndSavesNothing() {
        TestAccounts.TestAccount account = accounts.create("cfgest");
        String operations = "{\"operations\": [" + resize(20) + ", {\"type\": \"compress\", \"quality\": 70}]}";
        Api.asUser(account.jwt()).body(operations).post("/api/v1/configurations/estimate").then().statusCode(200)
                .body("creditsPerSource", equalTo(40)).body("cheapestCreditsPerSource", equalTo(21))
                .body("hint", equalTo("put compress before resize: 21 instead of 40 credits per source"));
        // name and postback URL may still be empty in an editor; the operations are checked as on save
        Api.asUser(account.jwt()).body("{\"name\": \"\", \"operations\": [{\"type\": \"resize\", \"sizes\": [{\"width\": 0}]}]}")
                .post("/api/v1/configurations/estimate").then().statusCode(422).contentType("application/problem+json")
                .body("errors.path", hasItem("$.operations[0].sizes[0].width"));
        Api.asUser(account.jwt()).body("{\"operations\": [{\"type\": \"filter\", \"filter\": \"sepia\"}]}")
                .post("/api/v1/configurations/estimate").then().statusCode(403).body("code", equalTo("feature_not_in_plan"));
        Api.json().body(operations).post("/api/v1/configurations/estimate").then().statusCode(401);
        Api.asUser(account.jwt()).get("/api/v1/configurations").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void twentySizesAcceptedTwentyOneRefused() {
        TestAccounts.TestAccount account = accounts.create("cfg21");
        create(account, "twenty", "[" + resize(20) + "]").statusCode(201);
        create(account, "twenty-one", "[" + resize(21) + "]").statusCode(422)
                .body("errors.path", hasItem("$.operations[0].sizes"));
    }

    @Test
    void everyBadFieldIsReportedWithItsPath() {
        TestAccounts.TestAccount account = accounts.create("cfgbad");
        String body = """
                {"name": "", "postbackUrl": "ftp://files.example.com/x", "colour": "red",
                 "operations": [
                   {"type": "resize", "fit": "squash", "sizes": [{"width": 0}, {"percent": 50, "template": "instagram-square"}]},
                   {"type": "convert", "formats": ["jpeg", "png", "webp", "gif", "bmp"]},
                   {"type": "rotate", "degrees": 45},
                   {"type": "explode"},
                   {"type": "compress", "qualty": 80},
                   {"type": "crop", "aspectRatio": "16:9", "gravity": "middle"}]}""";
        Api.asUser(account.jwt()).body(body).post("/api/v1/configurations").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors.path", hasItems("$.name", "$.postbackUrl", "$.colour", "$.operations[0].fit",
                        "$.operations[0].sizes[0].width", "$.operations[0].sizes[1]", "$.operations[1].formats",
                        "$.operations[2].degrees", "$.operations[3].type", "$.operations[4].qualty",
                        "$.operations[5].gravity"));
        Api.asUser(account.jwt()).body("{\"name\":\"x\",\"postbackUrl\":\"https://a.example/h\",\"operations\":[]}")
                .post("/api/v1/configurations").then().statusCode(422).body("errors[0].path", equalTo("$.operations"));
        Api.asUser(account.jwt()).body("[]").post("/api/v1/configurations").then().statusCode(422)
                .body("errors[0].path", equalTo("$"));
    }

    /** Issue #13: every output option is stored as given, and one the server cannot honour is refused, not ignored. */
    @Test
    void outputOptionsAreSavedOrRefusedWithTheirPath() {
        var account = accounts.create("output-options");
        create(account, "options", """
                [{"type": "compress", "quality": 60, "lossless": true, "effort": 9, "progressive": true,
                  "stripMetadata": false, "keepGps": true},
                 {"type": "convert", "formats": ["avif", "webp", "jpeg"], "colorProfile": "keep"}]""").statusCode(201)
                .body("operations[0].lossless", equalTo(true)).body("operations[0].effort", equalTo(9))
                .body("operations[0].keepGps", equalTo(true)).body("operations[1].colorProfile", equalTo("keep"))
                .body("operations[1].formats", hasItems("avif", "webp", "jpeg"));
        create(account, "bad-options", """
                [{"type": "compress", "effort": 10, "keepGps": true},
                 {"type": "convert", "formats": ["tiff"], "colorProfile": "p3"}]""").statusCode(422)
                .body("errors.path", hasItems("$.operations[0].effort", "$.operations[0].keepGps",
                        "$.operations[1].formats[0]", "$.operations[1].colorProfile"))
                .body("errors.find { it.path == '$.operations[0].keepGps' }.message", containsString("stripMetadata"));
    }

    @Test
    void trimIsOnEveryPlanWithItsThreshold() {
        var account = accounts.create("trim");
        create(account, "trimmed", "[{\"type\": \"trim\"}, {\"type\": \"trim\", \"threshold\": 0}]").statusCode(201)
                .body("operations[0].type", equalTo("trim"));
        create(account, "bad-trim", "[{\"type\": \"trim\", \"threshold\": 256}, {\"type\": \"trim\", \"tolerance\": 3}]")
                .statusCode(422).body("errors.path", hasItems("$.operations[0].threshold", "$.operations[1].tolerance"));
    }

    @Test
    void everyFilterAndBlendModeSavesOnProAndBadAmountsSayTheirRange() {
        var account = accounts.create("filters");
        db.query("update account set plan = 'pro' where id = $1::uuid", account.accountId());
        StringBuilder ops = new StringBuilder("[");
        for (FilterSpec.Kind kind : FilterSpec.Kind.values()) {
            ops.append("{\"type\": \"filter\", \"filter\": \"").append(kind.jsonName()).append("\", \"amount\": ")
                    .append(kind.max()).append("},");
        }
        ops.append("{\"type\": \"filter\", \"filter\": \"border\", \"color\": \"#ff0000\"},");
        ops.append("{\"type\": \"watermark\", \"text\": \"(c)\", \"mode\": \"multiply\"}]");
        create(account, "all-filters", ops.toString()).statusCode(201)
                .body("operations.size()", equalTo(FilterSpec.Kind.values().length + 2))
                .body("operations[13].filter", equalTo("rounded-corners"))
                .body("operations[15].mode", equalTo("multiply"));
        create(account, "bad-filters", """
                [{"type": "filter", "filter": "gamma", "amount": 0},
                 {"type": "filter", "filter": "sepia", "color": "#fff"},
                 {"type": "filter", "filter": "posterize"},
                 {"type": "watermark", "text": "x", "mode": "dissolve"}]""").statusCode(422)
                .body("errors.path", hasItems("$.operations[0]", "$.operations[1]", "$.operations[2].filter",
                        "$.operations[3].mode"))
                .body("errors.find { it.path == '$.operations[0]' }.message", containsString("0.1..10"))
                .body("errors.find { it.path == '$.operations[2].filter' }.message", containsString("rounded-corners"))
                .body("errors.find { it.path == '$.operations[3].mode' }.message", containsString("overlay"));
    }

    @Test
    void featuresOutsideThePlanAreRefused() {
        TestAccounts.TestAccount account = accounts.create("cfgplan");
        create(account, "marked", "[{\"type\": \"watermark\", \"text\": \"(c) shop\"}]").statusCode(403)
                .body("code", equalTo("feature_not_in_plan")).body("detail", containsString("Pro"));
        create(account, "sepia", "[{\"type\": \"filter\", \"filter\": \"sepia\"}]").statusCode(403)
                .body("code", equalTo("feature_not_in_plan"));
    }

    @Test
    void planLimitsTheNumberOfConfigurationsAndNamesAreUnique() {
        TestAccounts.TestAccount account = accounts.create("cfglimit");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(account, "config " + i, "[{\"type\": \"rotate\", \"degrees\": 90}]").statusCode(201)
                    .extract().path("id"));
        }
        create(account, "config 5", "[{\"type\": \"rotate\", \"degrees\": 90}]").statusCode(409)
                .body("code", equalTo("configuration_limit_reached"));
        Api.asUser(account.jwt()).delete("/api/v1/configurations/" + ids.get(0)).then().statusCode(204);
        create(account, "CONFIG 1", "[{\"type\": \"rotate\", \"degrees\": 90}]").statusCode(409)
                .body("code", equalTo("configuration_name_taken"));
        create(account, "config 0", "[{\"type\": \"rotate\", \"degrees\": 90}]").statusCode(201);
    }

    @Test
    void thePostbackFormatIsMultipartUnlessJsonIsChosenAndEachVersionKeepsItsOwn() {
        TestAccounts.TestAccount account = accounts.create("cfgformat");
        String id = create(account, "formats", "[{\"type\": \"rotate\", \"degrees\": 90}]").statusCode(201)
                .body("postbackFormat", equalTo("multipart")).extract().path("id");
        String json = "{\"name\": \"formats\", \"postbackUrl\": \"https://hooks.example.com/in\", \"postbackFormat\": \"json\","
                + " \"operations\": [{\"type\": \"rotate\", \"degrees\": 90}]}";
        Api.asUser(account.jwt()).body(json).put("/api/v1/configurations/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("postbackFormat", equalTo("json"));
        Api.asUser(account.jwt()).get("/api/v1/configurations/" + id + "/versions/1").then()
                .body("postbackFormat", equalTo("multipart"));
        Api.asUser(account.jwt()).body(json.replace("\"json\"", "\"xml\"")).put("/api/v1/configurations/" + id).then()
                .statusCode(422).body("code", equalTo("validation_failed"))
                .body("errors[0].path", equalTo("$.postbackFormat"))
                .body("errors[0].message", equalTo("must be one of multipart, json"));
        Api.asUser(account.jwt()).body(json.replace("\"json\"", "7")).put("/api/v1/configurations/" + id).then()
                .statusCode(422).body("errors[0].path", equalTo("$.postbackFormat"));
        // a PUT replaces the whole configuration: without the field (or with null) it is multipart again
        Api.asUser(account.jwt()).body(json.replace("\"json\"", "null")).put("/api/v1/configurations/" + id).then()
                .statusCode(200).body("version", equalTo(3)).body("postbackFormat", equalTo("multipart"));
        Api.asUser(account.jwt()).body(json.replace("\"json\"", "\"json\"")).put("/api/v1/configurations/" + id).then()
                .statusCode(200).body("postbackFormat", equalTo("json"));
        Api.asUser(account.jwt()).body(body("formats", "[{\"type\": \"rotate\", \"degrees\": 90}]"))
                .put("/api/v1/configurations/" + id).then().statusCode(200).body("version", equalTo(5))
                .body("postbackFormat", equalTo("multipart"));
    }

    @Test
    void everySaveIsANewVersionAndOldVersionsStayReadable() {
        TestAccounts.TestAccount account = accounts.create("cfgver");
        String id = create(account, "versions", "[{\"type\": \"rotate\", \"degrees\": 90}]").statusCode(201)
                .extract().path("id");
        Api.asUser(account.jwt()).body(body("versions renamed", "[{\"type\": \"flip\", \"direction\": \"vertical\"}]"))
                .put("/api/v1/configurations/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("name", equalTo("versions renamed")).body("operations[0].type", equalTo("flip"));
        Api.asUser(account.jwt()).get("/api/v1/configurations/" + id + "/versions/1").then().statusCode(200)
                .body("version", equalTo(1)).body("name", equalTo("versions")).body("operations[0].degrees", equalTo(90));
        Api.asUser(account.jwt()).get("/api/v1/configurations/" + id + "/versions/3").then().statusCode(404)
                .body("code", equalTo("configuration_version_not_found"));
        Api.asUser(account.jwt()).get("/api/v1/configurations").then().statusCode(200).body("", hasSize(1))
                .body("[0].version", equalTo(2));
    }

    @Test
    void apiKeysWorkAndOtherAccountsSeeNothing() {
        TestAccounts.TestAccount owner = accounts.create("cfgowner");
        TestAccounts.TestAccount stranger = accounts.create("cfgstranger");
        String key = accounts.createApiKey(owner);
        String id = Api.withKey(key).body(body("by key", "[{\"type\": \"rotate\", \"degrees\": 180}]"))
                .post("/api/v1/configurations").then().statusCode(201).extract().path("id");
        Api.withKey(key).get("/api/v1/configurations").then().statusCode(200).body("[0].id", equalTo(id));

        String path = "/api/v1/configurations/" + id;
        Api.asUser(stranger.jwt()).get(path).then().statusCode(404).body("code", equalTo("config_not_found"));
        Api.asUser(stranger.jwt()).get(path + "/versions/1").then().statusCode(404);
        Api.asUser(stranger.jwt()).body(body("stolen", "[{\"type\": \"rotate\", \"degrees\": 90}]")).put(path).then()
                .statusCode(404);
        Api.asUser(stranger.jwt()).delete(path).then().statusCode(404);
        Api.asUser(stranger.jwt()).get("/api/v1/configurations").then().body("", hasSize(0));
        Api.withKey(key).get(path).then().statusCode(200).body("version", equalTo(1));
        Api.from("127.0.0.2").header("Authorization", key).get(path).then().statusCode(403)
                .body("code", equalTo("ip_not_allowed"));
    }

    @Test
    void postbackUrlsToInternalAddressesAreRefused() {
        TestAccounts.TestAccount account = accounts.create("cfgssrf");
        for (String url : new String[] { "http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/",
                "http://100.100.100.200/", "http://2130706433/hook", "http://0x7f.0.0.1/", "http://0177.0.0.1/",
                "http://[::ffff:169.254.169.254]/", "http://0.0.0.0/", "http://224.0.0.1/" }) {
            Api.asUser(account.jwt()).body("{\"name\": \"x\", \"postbackUrl\": \"" + url + "\", \"operations\":"
                    + " [{\"type\": \"rotate\", \"degrees\": 90}]}").post("/api/v1/configurations").then()
                    .statusCode(422).body("code", equalTo("postback_url_not_allowed"))
                    .body("errors[0].path", equalTo("$.postbackUrl"));
        }
        // the test profile allows private networks (on-premise mode): loopback is fine, metadata never is
        Api.asUser(account.jwt()).body("{\"name\": \"loopback\", \"postbackUrl\": \"http://127.0.0.1:9/hook\","
                + " \"operations\": [{\"type\": \"rotate\", \"degrees\": 90}]}").post("/api/v1/configurations").then()
                .statusCode(201);
    }

    @Test
    void templatesAreListed() {
        Api.json().get("/api/v1/templates").then().statusCode(200)
                .body("find { it.name == 'instagram-square' }.width", equalTo(1080))
                .body("find { it.name == 'instagram-square' }.height", equalTo(1080))
                .body("find { it.name == 'facebook-cover' }.platform", equalTo("Facebook"))
                .body("name", hasItems("facebook-post", "instagram-portrait", "instagram-story", "twitter-post",
                        "linkedin-post", "youtube-thumbnail", "pinterest-pin"));
    }

    private static ValidatableResponse create(TestAccounts.TestAccount account, String name, String operations) {
        return Api.asUser(account.jwt()).body(body(name, operations)).post("/api/v1/configurations").then();
    }

    private static String body(String name, String operations) {
        return "{\"name\": \"" + name + "\", \"postbackUrl\": \"https://hooks.example.com/in\", \"operations\": "
                + operations + "}";
    }

    private static String resize(int sizes) {
        List<String> list = new ArrayList<>();
        for (int i = 1; i <= sizes; i++) {
            list.add("{\"width\": " + (i * 50) + "}");
        }
        return "{\"type\": \"resize\", \"sizes\": [" + String.join(", ", list) + "]}";
    }

}
