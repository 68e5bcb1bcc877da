package com.imagecogni.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The dashboard is served by the service itself, with headers that keep its page and tokens to itself. */
@QuarkusTest
class DashboardPagesTest {

    @Test
    void theVerificationLinkOpensTheDashboardPageWithoutLeakingTheToken() {
        given().get("/verify?token=abc").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<script type=\"module\" src=\"/ui/app.js\">"))
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void theRootServesTheSamePageAndItsModulesComeFromTheServiceItself() {
        given().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<nav id=\"nav\" aria-label=\"Dashboard\""))
                .body(containsString("href=\"/ui/style.css\""));
        given().get("/ui/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        for (String module : new String[] { "api", "dom", "catalogue", "pages/auth", "pages/plan", "pages/ips", "pages/keys",
                "pages/operations", "pages/jobs", "pages/upload" }) {
            given().get("/ui/" + module + ".js").then().statusCode(200).body(containsString("export "));
        }
    }

    @Test
    void unknownPathsStillAnswerProblemJson() {
        given().get("/no-such-page").then().statusCode(404).contentType(equalTo("application/problem+json"))
                .body("code", equalTo("not_found"));
    }
}
