package com.imagecogni.account;

import com.imagecogni.common.ImagecogniConfig;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The emails an account receives: the verification link, or a notice that it already exists. */
@ApplicationScoped
public class AccountMails {

    @Inject
    ReactiveMailer mailer;

    @Inject
    ImagecogniConfig config;

    public String verificationLink(String rawToken) {
        return stripSlash(config.publicBaseUrl()) + "/verify?token=" + rawToken;
    }

    public Uni<Void> sendVerification(String email, String rawToken) {
        String link = verificationLink(rawToken);
        String text = """
                Welcome to imagecogni!

                Confirm your email address and choose a password (at least 12 characters) here:

                %s

                Or with curl:
                curl -X POST %s/api/v1/accounts/verify -H 'Content-Type: application/json' \\
                     -d '{"token":"%s","password":"<your password>"}'

                The link can be used once and expires in %d hours. If you did not sign up, ignore this email.
                """.formatted(link, stripSlash(config.publicBaseUrl()), rawToken,
                config.security().verificationTokenTtl().toHours());
        return mailer.send(Mail.withText(email, "Verify your imagecogni account", text));
    }

    public Uni<Void> sendAlreadyRegistered(String email) {
        String text = """
                Someone (hopefully you) asked to sign up to imagecogni with this address, which already has
                an account. Sign in with your password at %s/api/v1/auth/token.

                If that was not you, you can ignore this email; nothing has changed.
                """.formatted(stripSlash(config.publicBaseUrl()));
        return mailer.send(Mail.withText(email, "Your imagecogni account already exists", text));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
