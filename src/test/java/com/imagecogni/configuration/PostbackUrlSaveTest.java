package com.imagecogni.configuration;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Saving a configuration applies the postback-URL rules of delivery's PostbackTargets: a URL of the
 * wrong form is a field error reported with every other bad field; one that points where postbacks
 * may not go is refused on its own. Creating and saving a new version answer alike.
 */
@QuarkusTest
class PostbackUrlSaveTest {

    private static final String OPERATIONS = "[{\"type\": \"rotate\", \"degrees\": 90}]";

    @Inject
    TestAccounts accounts;

    @Test
    void aUrlOfTheWrongFormIsAFieldErrorBesideTheOthers() {
        TestAccounts.TestAccount account = accounts.create("urlform");
        String[][] cases = {
                { "ftp://files.example.com/x", "must be an absolute http or https URL" },
                { "http:///hook", "must name a host" },
                { "http://exa mple.com/", "is not a valid URL" },
                { "https://user:pw@hooks.example.com/in", "must not contain credentials; the postback is signed instead" },
                { "https://hooks.example.com/" + "a".repeat(2048), "must be at most 2048 characters" } };
        for (String[] c : cases) {
            Api.asUser(account.jwt()).body("{\"name\": \"\", \"postbackUrl\": \"" + c[0] + "\", \"operations\": " + OPERATIONS + "}")
                    .post("/api/v1/configurations").then().statusCode(422).body("code", equalTo("validation_failed"))
                    .body("errors", hasSize(2)).body("errors.path", hasItems("$.name", "$.postbackUrl"))
                    .body("errors.find { it.path == '$.postbackUrl' }.message", equalTo(c[1]));
        }
    }

    @Test
    void anAddressThatIsNotAllowedIsRefusedOnCreateAndOnUpdate() {
        TestAccounts.TestAccount account = accounts.create("urladdress");
        String id = Api.asUser(account.jwt()).body(body("https://hooks.example.com/in")).post("/api/v1/configurations").then()
                .statusCode(201).extract().path("id");
        for (String url : new String[] { "http://169.254.169.254/latest/meta-data", "http://2130706433/hook" }) {
            Api.asUser(account.jwt()).body(body(url)).post("/api/v1/configurations").then().statusCode(422)
                    .body("code", equalTo("postback_url_not_allowed")).body("errors[0].path", equalTo("$.postbackUrl"));
            Api.asUser(account.jwt()).body(body(url)).put("/api/v1/configurations/" + id).then().statusCode(422)
                    .body("code", equalTo("postback_url_not_allowed")).body("errors[0].path", equalTo("$.postbackUrl"));
        }
        Api.asUser(account.jwt()).body(body("http://169.254.169.254/")).put("/api/v1/configurations/" + id).then()
                .body("errors[0].message", equalTo("the host 169.254.169.254 is a cloud metadata address;"
                        + " postbacks must go to a public address"));
        Api.asUser(account.jwt()).get("/api/v1/configurations/" + id).then().body("version", equalTo(1))
                .body("postbackUrl", equalTo("https://hooks.example.com/in"));
    }

    private static String body(String url) {
        return "{\"name\": \"urls\", \"postbackUrl\": \"" + url + "\", \"operations\": " + OPERATIONS + "}";
    }
}
