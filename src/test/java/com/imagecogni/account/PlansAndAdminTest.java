package com.imagecogni.account;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class PlansAndAdminTest {

    private static final String ADMIN_EMAIL = "admin@imagecogni.test";

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Test
    void plansAreListedCheapestFirstWithoutAuthentication() {
        Api.json().get("/api/v1/plans").then().statusCode(200)
                .body("name", contains("free", "pro", "enterprise"))
                .body("[0].limits.activeIps", equalTo(3)).body("[0].limits.configurations", equalTo(5))
                .body("[0].limits.apiKeys", equalTo(2)).body("[0].limits.monthlyCredits", equalTo(1000))
                .body("[0].limits.sizesPerResize", equalTo(20))
                .body("[0].features", not(hasItem("watermark"))).body("[1].features", hasItem("watermark"))
                .body("[2].limits.monthlyCredits", equalTo(10000000));
    }

    @Test
    void myPlanShowsLimitsCreditsAndUsage() {
        TestAccounts.TestAccount account = accounts.create("myplan");
        accounts.createApiKey(account);
        db.query("insert into credit_usage (id, account_id, period_start, used, updated_at) values"
                + " (gen_random_uuid(), $1::uuid, date_trunc('month', now() at time zone 'utc')::date, 40, now())",
                account.accountId());
        Api.asUser(account.jwt()).get("/api/v1/account").then().statusCode(200)
                .body("email", equalTo(account.email())).body("plan.name", equalTo("free"))
                .body("plan.limits.activeIps", equalTo(3)).body("plan.features", hasItem("resize"))
                .body("credits.allowance", equalTo(1000)).body("credits.used", equalTo(40))
                .body("credits.remaining", equalTo(960))
                .body("usage.activeIps", equalTo(1)).body("usage.apiKeys", equalTo(1));
    }

    @Test
    void adminChangesAPlanAndTheNewLimitsApply() {
        TestAccounts.TestAccount admin = adminAccount();
        TestAccounts.TestAccount customer = accounts.create("upgrade");
        for (String address : new String[] { "192.0.2.1", "192.0.2.2" }) {
            Api.asUser(customer.jwt()).body(Map.of("address", address)).post("/api/v1/account/ips").then().statusCode(201);
        }
        Api.asUser(customer.jwt()).body(Map.of("address", "192.0.2.3")).post("/api/v1/account/ips").then().statusCode(409);

        Api.asUser(admin.jwt()).body(Map.of("plan", "pro")).put("/api/v1/admin/accounts/" + customer.accountId() + "/plan")
                .then().statusCode(200).body("plan", equalTo("pro"));
        Api.asUser(customer.jwt()).get("/api/v1/account").then().body("plan.name", equalTo("pro"))
                .body("plan.limits.activeIps", equalTo(10)).body("credits.allowance", equalTo(100000));
        Api.asUser(customer.jwt()).body(Map.of("address", "192.0.2.3")).post("/api/v1/account/ips").then().statusCode(201);
        db.one("select 1 from plan_assignment where account_id = $1::uuid and plan = 'pro' and assigned_by = $2",
                customer.accountId(), ADMIN_EMAIL);
    }

    @Test
    void onlyAdminsChangePlansAndOnlyToKnownPlans() {
        TestAccounts.TestAccount admin = adminAccount();
        TestAccounts.TestAccount customer = accounts.create("notadmin");
        Api.asUser(customer.jwt()).body(Map.of("plan", "enterprise"))
                .put("/api/v1/admin/accounts/" + customer.accountId() + "/plan").then().statusCode(403)
                .body("code", equalTo("forbidden"));
        Api.asUser(admin.jwt()).body(Map.of("plan", "platinum"))
                .put("/api/v1/admin/accounts/" + customer.accountId() + "/plan").then().statusCode(422)
                .body("code", equalTo("unknown_plan")).body("errors[0].path", equalTo("$.plan"));
        Api.asUser(admin.jwt()).body(Map.of("plan", "pro"))
                .put("/api/v1/admin/accounts/00000000-0000-0000-0000-000000000000/plan").then().statusCode(404)
                .body("code", equalTo("account_not_found"));
    }

    private TestAccounts.TestAccount adminAccount() {
        if (db.query("select 1 from account where email = $1", ADMIN_EMAIL).size() == 0) {
            return accounts.createWithEmail(ADMIN_EMAIL);
        }
        String jwt = TestAccounts.login(ADMIN_EMAIL);
        return new TestAccounts.TestAccount(ADMIN_EMAIL, null, jwt);
    }
}
