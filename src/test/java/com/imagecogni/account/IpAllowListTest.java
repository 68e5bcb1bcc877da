package com.imagecogni.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class IpAllowListTest {

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    @Test
    void addsNormalisesAndLists() {
        TestAccounts.TestAccount account = accounts.create("ips");
        Api.asUser(account.jwt()).get("/api/v1/account/ips").then().statusCode(200)
                .body("", hasSize(1)).body("[0].address", equalTo("127.0.0.1")).body("[0].active", equalTo(true));

        Api.asUser(account.jwt()).body(Map.of("address", "2001:DB8:0:0::1")).post("/api/v1/account/ips")
                .then().statusCode(201).header("Location", containsString("/api/v1/account/ips/"))
                .body("address", equalTo("2001:db8::1")).body("active", equalTo(true));
        // a CIDR with host bits set stands for its whole block
        Api.asUser(account.jwt()).body(Map.of("address", "198.51.100.77/24")).post("/api/v1/account/ips")
                .then().statusCode(201).body("address", equalTo("198.51.100.0/24"));
        Api.asUser(account.jwt()).get("/api/v1/account/ips").then().body("", hasSize(3));
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        TestAccounts.TestAccount account = accounts.create("badip");
        for (String bad : new String[] { "example.com", "300.1.2.3", "10.0.0.0/33", "2130706433", "1.2.3.4 5", "::ffff:zz" }) {
            Api.asUser(account.jwt()).body(Map.of("address", bad)).post("/api/v1/account/ips")
                    .then().statusCode(422).body("code", equalTo("invalid_address")).body("errors[0].path", equalTo("$.address"));
        }
        Api.asUser(account.jwt()).body(Map.of("address", "127.0.0.1")).post("/api/v1/account/ips")
                .then().statusCode(409).body("code", equalTo("ip_already_listed"));
        Api.asUser(account.jwt()).body(Map.of("active", "maybe")).patch("/api/v1/account/ips/" + firstId(account))
                .then().statusCode(422).body("errors[0].path", equalTo("$.active"));
    }

    @Test
    void refusesBlocksWiderThanTheMinimumPrefix() {
        TestAccounts.TestAccount account = accounts.create("wideip");
        // the whole internet, its two halves, one bit short of the minimum, and the IPv4-mapped forms of the same
        for (String wide : new String[] { "0.0.0.0/0", "::/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/15", "2001:db8::/47",
                "::ffff:0:0/96", "::ffff:10.0.0.0/104", "::ffff:0:0/95", "::/64" }) {
            add(account, wide).then().statusCode(422).body("code", equalTo("address_range_too_wide"))
                    .body("errors[0].path", equalTo("$.address")).body("detail", containsString("/16"));
        }
        add(account, "::ffff:10.20.0.0/112").then().statusCode(201).body("address", equalTo("10.20.0.0/16"));
        add(account, "2001:db8:1::/48").then().statusCode(201).body("address", equalTo("2001:db8:1::/48"));
        Api.asUser(account.jwt()).get("/api/v1/account/ips").then().body("", hasSize(3));
    }

    @Test
    void anEntryWiderThanTheMinimumCannotBeReactivated() {
        TestAccounts.TestAccount account = accounts.create("oldwideip");
        // as the migration leaves an entry that was accepted before there was a minimum
        UUID id = UUID.randomUUID();
        db.query("insert into allowed_ip (id, account_id, address, active, created_at)"
                + " values ($1, $2, '0.0.0.0/0', false, now())", id, UUID.fromString(account.accountId()));
        Api.asUser(account.jwt()).body(Map.of("active", true)).patch("/api/v1/account/ips/" + id).then().statusCode(422)
                .body("code", equalTo("address_range_too_wide"));
        Api.asUser(account.jwt()).body(Map.of("active", false)).patch("/api/v1/account/ips/" + id).then().statusCode(200);
        Api.asUser(account.jwt()).delete("/api/v1/account/ips/" + id).then().statusCode(204);
    }

    @Test
    void planLimitsActiveEntries() {
        TestAccounts.TestAccount account = accounts.create("iplimit");
        add(account, "203.0.113.1").then().statusCode(201);
        String third = add(account, "203.0.113.2").then().statusCode(201).extract().path("id");
        add(account, "203.0.113.3").then().statusCode(409).body("code", equalTo("ip_limit_reached"))
                .body("detail", containsString("Deactivate one")).body("detail", containsString("upgrade"));

        Api.asUser(account.jwt()).body(Map.of("active", false)).patch("/api/v1/account/ips/" + third)
                .then().statusCode(200).body("active", equalTo(false));
        String fourth = add(account, "203.0.113.3").then().statusCode(201).extract().path("id");
        // re-activating the third would make four active entries
        Api.asUser(account.jwt()).body(Map.of("active", true)).patch("/api/v1/account/ips/" + third)
                .then().statusCode(409).body("code", equalTo("ip_limit_reached"));
        Api.asUser(account.jwt()).delete("/api/v1/account/ips/" + fourth).then().statusCode(204);
        Api.asUser(account.jwt()).delete("/api/v1/account/ips/" + fourth).then().statusCode(404)
                .body("code", equalTo("ip_not_found"));
        Api.asUser(account.jwt()).body(Map.of("active", true)).patch("/api/v1/account/ips/" + third)
                .then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void anotherAccountsEntryIsNotFound() {
        TestAccounts.TestAccount owner = accounts.create("ipowner");
        TestAccounts.TestAccount stranger = accounts.create("ipstranger");
        String id = firstId(owner);
        Api.asUser(stranger.jwt()).body(Map.of("active", false)).patch("/api/v1/account/ips/" + id).then().statusCode(404);
        Api.asUser(stranger.jwt()).delete("/api/v1/account/ips/" + id).then().statusCode(404);
        Api.asUser(owner.jwt()).get("/api/v1/account/ips").then().body("[0].active", equalTo(true));
    }

    @Test
    void apiKeysFollowTheAllowList() {
        TestAccounts.TestAccount account = accounts.create("ipkey");
        String key = accounts.createApiKey(account);
        Api.withKey(key).get("/api/v1/auth/whoami").then().statusCode(200).body("authenticatedWith", equalTo("api_key"));
        Api.from("127.0.0.2").header("Authorization", key).get("/api/v1/auth/whoami").then().statusCode(403)
                .body("code", equalTo("ip_not_allowed")).body("detail", containsString("127.0.0.2"));

        Api.asUser(account.jwt()).body(Map.of("address", "127.0.0.0/24")).post("/api/v1/account/ips").then().statusCode(201);
        Api.from("127.0.0.2").header("Authorization", "Bearer " + key).get("/api/v1/auth/whoami").then().statusCode(200)
                .body("clientAddress", equalTo("127.0.0.2"));

        String first = firstId(account);
        Api.asUser(account.jwt()).body(Map.of("active", false)).patch("/api/v1/account/ips/" + first).then().statusCode(200);
        // 127.0.0.1 is still inside the active 127.0.0.0/24; deactivate that too
        String block = Api.asUser(account.jwt()).get("/api/v1/account/ips").then().extract()
                .path("find { it.address == '127.0.0.0/24' }.id");
        Api.asUser(account.jwt()).body(Map.of("active", false)).patch("/api/v1/account/ips/" + block).then().statusCode(200);
        Api.withKey(key).get("/api/v1/auth/whoami").then().statusCode(403).body("code", equalTo("ip_not_allowed"));
    }

    private static io.restassured.response.Response add(TestAccounts.TestAccount account, String address) {
        return Api.asUser(account.jwt()).body(Map.of("address", address)).post("/api/v1/account/ips");
    }

    private static String firstId(TestAccounts.TestAccount account) {
        return Api.asUser(account.jwt()).get("/api/v1/account/ips").then().extract().path("[0].id");
    }
}
