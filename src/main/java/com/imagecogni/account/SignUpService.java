package com.imagecogni.account;

import java.time.Instant;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.imagecogni.common.Hashing;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.delivery.WebhookSigner;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sign-up: creates a pending account (or re-issues its link) and mails the link. Runs after the
 * 202 has been sent, so new, pending and existing emails cannot be told apart by the answer or
 * its timing. Nothing about the caller is kept: anyone can sign up with any email, so the first
 * allow-listed IP is set by whoever completes the verification ({@link VerificationService}).
 */
@ApplicationScoped
public class SignUpService {

    private static final Logger LOG = Logger.getLogger(SignUpService.class);

    @Inject
    ImagecogniConfig config;

    @Inject
    Plans plans;

    @Inject
    AccountMails mails;

    /** What sign-up decided to send, worked out inside the transaction and mailed after it. */
    private record Outcome(String email, String rawToken) {
    }

    /** Starts the sign-up without waiting for it; failures are logged, never shown to the caller. */
    public void signUpInBackground(String email) {
        signUp(email).subscribe().with(
                ignored -> { },
                failure -> LOG.errorf(failure, "sign-up could not be completed"));
    }

    public Uni<Void> signUp(String rawEmail) {
        String email = normaliseEmail(rawEmail);
        return Panache.withTransaction(() -> Account.findByEmail(email)
                .chain(existing -> existing == null ? create(email)
                        : existing.isActive() ? Uni.createFrom().item(new Outcome(email, null))
                        : issueToken(existing).map(token -> new Outcome(email, token))))
                .chain(outcome -> outcome.rawToken() == null ? mails.sendAlreadyRegistered(outcome.email())
                        : mails.sendVerification(outcome.email(), outcome.rawToken()));
    }

    public static String normaliseEmail(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private Uni<Outcome> create(String email) {
        Instant now = Instant.now();
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.email = email;
        account.status = AccountStatus.pending;
        account.plan = plans.defaultPlan();
        account.createdAt = now;
        // the account has its secret from the start: showing it and signing postbacks only read it
        account.webhookSecret = WebhookSigner.newSecret();

        PlanAssignment assignment = new PlanAssignment();
        assignment.id = UUID.randomUUID();
        assignment.accountId = account.id;
        assignment.plan = account.plan;
        assignment.assignedBy = "sign-up";
        assignment.assignedAt = now;

        return account.persist()
                .chain(() -> assignment.persist())
                .chain(() -> issueToken(account))
                .map(token -> new Outcome(email, token));
    }

    /** A fresh link; earlier unused links of the account stop working, so only the newest mail counts. */
    private Uni<String> issueToken(Account account) {
        String raw = Hashing.randomUrlToken(32);
        Instant now = Instant.now();
        VerificationToken token = new VerificationToken();
        token.id = UUID.randomUUID();
        token.accountId = account.id;
        token.tokenHash = Hashing.sha256Hex(raw);
        token.createdAt = now;
        token.expiresAt = now.plus(config.security().verificationTokenTtl());
        return VerificationToken.delete("accountId = ?1 and usedAt is null", account.id)
                .chain(() -> token.persist())
                .replaceWith(raw);
    }
}
