package com.imagecogni.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Creates verified accounts through the public API, reading verification links from the mock mailbox. */
@ApplicationScoped
public class TestAccounts {

    public static final String PASSWORD = "correct horse battery staple";
    private static final Pattern LINK = Pattern.compile("/verify\\?token=([A-Za-z0-9_-]+)");

    @Inject
    MockMailbox mailbox;

    /** A signed-up, verified, signed-in account. */
    public record TestAccount(String email, String accountId, String jwt) {
    }

    public static String uniqueEmail(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    public TestAccount create(String label) {
        return createWithEmail(uniqueEmail(label));
    }

    public TestAccount createWithEmail(String email) {
        signUp(email);
        String token = awaitToken(email, 1);
        String accountId = Api.json().body(Map.of("token", token, "password", PASSWORD))
                .post("/api/v1/accounts/verify").then().statusCode(200).extract().path("accountId");
        return new TestAccount(email, accountId, login(email));
    }

    public static String login(String email) {
        return Api.json().body(Map.of("email", email, "password", PASSWORD)).post("/api/v1/auth/token")
                .then().statusCode(200).extract().path("accessToken");
    }

    public static void signUp(String email) {
        Api.json().body(Map.of("email", email)).post("/api/v1/accounts").then().statusCode(202);
    }

    /** Waits for the n-th mail to {@code email} and returns its verification token. */
    public String awaitToken(String email, int nth) {
        Mail mail = awaitMail(email, nth);
        Matcher m = LINK.matcher(mail.getText());
        if (!m.find()) {
            throw new AssertionError("no verification link in: " + mail.getText());
        }
        return m.group(1);
    }

    public Mail awaitMail(String email, int nth) {
        await().atMost(Duration.ofSeconds(10)).until(() -> mails(email).size() >= nth);
        return mails(email).get(nth - 1);
    }

    public List<Mail> mails(String email) {
        return mailbox.getMailsSentTo(email);
    }

    public String createApiKey(TestAccount account) {
        return Api.asUser(account.jwt()).body(Map.of("name", "test key")).post("/api/v1/account/api-keys")
                .then().statusCode(201).extract().path("key");
    }
}
