package com.imagecogni.account;

import java.time.Instant;
import java.util.List;

import com.imagecogni.account.AttemptThrottle.Budget;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.Blocking;
import com.imagecogni.common.Hashing;
import com.imagecogni.common.ImagecogniConfig;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Email verification: a valid, unused, unexpired token activates the account and sets its
 * password. Attempts are throttled per client address, and the token
 * is looked up before any bcrypt, so bogus links cost a hash lookup, not a password hash.
 */
@ApplicationScoped
public class VerificationService {

    @Inject
    PasswordHasher hasher;

    @Inject
    Blocking blocking;

    @Inject
    AttemptThrottle throttle;

    @Inject
    ImagecogniConfig config;

    static String addressKey(String address) {
        return "verify:address:" + address;
    }

    public Uni<Account> verify(String rawToken, String password, String clientAddress) {
        String tokenHash = Hashing.sha256Hex(rawToken);
        String throttleKey = addressKey(clientAddress);
        Budget budget = new Budget(throttleKey, config.security().maxVerificationFailuresPerAddress());
        return throttle.reserve(List.of(budget), "failed verifications")
                .chain(() -> Panache.withSession(() -> usable(tokenHash)))
                // bcrypt only for a link that can still work, off the event loop and outside any session
                .chain(token -> blocking.run(() -> hasher.hash(password))
                        .chain(passwordHash -> Panache.withTransaction(() -> consume(token)
                                .chain(() -> Account.<Account>findById(token.accountId))
                                .map(account -> activate(account, passwordHash)))))
                // only failures count against the address
                .call(() -> throttle.refund(throttleKey));
    }

    private Uni<VerificationToken> usable(String tokenHash) {
        return VerificationToken.<VerificationToken>find("tokenHash", tokenHash).firstResult().map(token -> {
            if (token == null || token.usedAt != null) {
                throw ApiException.badRequest("invalid_verification_token",
                        "This verification link is not valid or was already used. Sign up again to get a new one.");
            }
            if (token.expiresAt.isBefore(Instant.now())) {
                throw ApiException.badRequest("verification_token_expired",
                        "This verification link has expired. Sign up again with the same email to get a new one.");
            }
            return token;
        });
    }

    private Uni<Void> consume(VerificationToken token) {
        // the conditional update makes the token single-use even when two requests race
        return VerificationToken.update("usedAt = ?1 where id = ?2 and usedAt is null", Instant.now(), token.id)
                .chain(updated -> updated == 1 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ApiException.badRequest("invalid_verification_token",
                                "This verification link was already used.")));
    }

    private static Account activate(Account account, String passwordHash) {
        account.status = AccountStatus.active;
        account.passwordHash = passwordHash;
        account.verifiedAt = Instant.now();
        return account;
    }
}
