package com.imagecogni.account;

import java.time.Instant;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.Blocking;
import com.imagecogni.common.Hashing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Email verification: a valid, unused, unexpired token activates the account and sets its password. */
@ApplicationScoped
public class VerificationService {

    @Inject
    PasswordHasher hasher;

    @Inject
    Blocking blocking;

    public Uni<Account> verify(String rawToken, String password) {
        String tokenHash = Hashing.sha256Hex(rawToken);
        // hash first, off the event loop and before any session exists on this context
        return blocking.run(() -> hasher.hash(password))
                .chain(passwordHash -> Panache.withTransaction(() -> consume(tokenHash)
                        .chain(token -> Account.<Account>findById(token.accountId))
                        .map(account -> activate(account, passwordHash))));
    }

    private Uni<VerificationToken> consume(String tokenHash) {
        Instant now = Instant.now();
        return VerificationToken.<VerificationToken>find("tokenHash", tokenHash).firstResult().chain(token -> {
            if (token == null || token.usedAt != null) {
                return Uni.createFrom().failure(ApiException.badRequest("invalid_verification_token",
                        "This verification link is not valid or was already used. Sign up again to get a new one."));
            }
            if (token.expiresAt.isBefore(now)) {
                return Uni.createFrom().failure(ApiException.badRequest("verification_token_expired",
                        "This verification link has expired. Sign up again with the same email to get a new one."));
            }
            // the conditional update makes the token single-use even when two requests race
            return VerificationToken.update("usedAt = ?1 where id = ?2 and usedAt is null", now, token.id)
                    .chain(updated -> updated == 1 ? Uni.createFrom().item(token)
                            : Uni.createFrom().failure(ApiException.badRequest("invalid_verification_token",
                                    "This verification link was already used.")));
        });
    }

    private static Account activate(Account account, String passwordHash) {
        account.status = AccountStatus.active;
        account.passwordHash = passwordHash;
        account.verifiedAt = Instant.now();
        return account;
    }
}
