package com.imagecogni.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.imagecogni.account.AttemptThrottle.Budget;
import com.imagecogni.account.ip.AllowedIp;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.Blocking;
import com.imagecogni.common.Hashing;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.common.IpAddresses;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Email verification: a valid, unused, unexpired token activates the account, sets its password
 * and allow-lists the verifying address. Attempts are throttled per client address, and the token
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
                                .call(account -> activate(account, passwordHash, clientAddress)))))
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

    private static Uni<Void> activate(Account account, String passwordHash, String clientAddress) {
        account.status = AccountStatus.active;
        account.passwordHash = passwordHash;
        account.verifiedAt = Instant.now();
        return allowListFirstAddress(account, clientAddress);
    }

    /**
     * The address that completes the verification is the first one trusted: the caller proved they
     * read the mail, whereas anyone could have signed up with the email from anywhere.
     */
    private static Uni<Void> allowListFirstAddress(Account account, String clientAddress) {
        Optional<String> address = IpAddresses.canonical(clientAddress);
        if (address.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return AllowedIp.count("accountId = ?1 and address = ?2", account.id, address.get()).chain(existing -> {
            if (existing > 0) {
                return Uni.createFrom().voidItem();
            }
            AllowedIp entry = new AllowedIp();
            entry.id = UUID.randomUUID();
            entry.accountId = account.id;
            entry.address = address.get();
            entry.active = true;
            entry.createdAt = account.verifiedAt;
            return entry.persist().replaceWithVoid();
        });
    }
}
