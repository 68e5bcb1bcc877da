package com.imagecogni.job;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Paging of GET /jobs: out-of-range or malformed page and size are a 400, never a 500 or an overflowing OFFSET. */
@QuarkusTest
class JobListingTest {

    @Inject
    TestAccounts accounts;

    @Test
    void pagesOutsideTheBoundsAreRefused() {
        TestAccounts.TestAccount account = accounts.create("paging");
        String[][] bad = { { "2147483647", "100" }, { "0", "0" }, { "0", "1000" }, { "-1", "20" }, { "10001", "1" },
                { "abc", "20" }, { "0", "2147483648" }, { "99999999999", "20" }, { "1.5", "20" } };
        for (String[] query : bad) {
            Api.asUser(account.jwt()).queryParam("page", query[0]).queryParam("size", query[1]).get("/api/v1/jobs").then()
                    .statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_page"));
        }
    }

    @Test
    void theLastAllowedPageIsAnEmptyPage() {
        TestAccounts.TestAccount account = accounts.create("lastpage");
        Api.asUser(account.jwt()).queryParam("page", 10000).queryParam("size", 100).get("/api/v1/jobs").then().statusCode(200)
                .body("items", hasSize(0)).body("page", equalTo(10000)).body("size", equalTo(100)).body("total", equalTo(0));
        Api.asUser(account.jwt()).get("/api/v1/jobs").then().statusCode(200).body("page", equalTo(0)).body("size", equalTo(20));
    }
}
