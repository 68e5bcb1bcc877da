package com.imagecogni.account.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.imagecogni.account.Account;
import com.imagecogni.account.PlanView;
import com.imagecogni.account.Plans;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.Hashing;
import com.imagecogni.common.auth.ApiKeyHeaders;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

/** The "API Library": creating (shown once), listing and revoking an account's API keys. */
@ApplicationScoped
public class ApiKeyService {

    /** Random part of a key: 40 base62 characters, about 238 bits. */
    static final int RANDOM_LENGTH = 40;
    /** Characters of the key kept for display, e.g. {@code ick_3fA9xQ2b}. */
    static final int PREFIX_LENGTH = ApiKeyHeaders.PREFIX.length() + 8;

    @Inject
    Plans plans;

    /** A freshly created key: the only moment the secret exists outside the caller. */
    public record CreatedKey(ApiKey key, String secret) {
    }

    @WithSession
    public Uni<List<ApiKey>> list(UUID accountId) {
        return ApiKey.list("accountId = ?1 order by createdAt", accountId);
    }

    @WithTransaction
    public Uni<CreatedKey> create(UUID accountId, String name) {
        return Account.<Account>findById(accountId, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> ApiException.notFound("account_not_found", "The account no longer exists."))
                .chain(account -> ApiKey.count("accountId = ?1 and revokedAt is null", accountId).chain(live -> {
                    PlanView plan = plans.of(account);
                    if (live >= plan.limits().apiKeys()) {
                        return Uni.createFrom().failure(ApiException.conflict("api_key_limit_reached", "Your " + plan.title()
                                + " plan allows " + plan.limits().apiKeys() + " API keys. Revoke one or upgrade your plan."));
                    }
                    String secret = ApiKeyHeaders.PREFIX + Hashing.randomBase62(RANDOM_LENGTH);
                    ApiKey key = new ApiKey();
                    key.id = UUID.randomUUID();
                    key.accountId = accountId;
                    key.name = name.trim();
                    key.prefix = secret.substring(0, PREFIX_LENGTH);
                    key.keyHash = Hashing.sha256Hex(secret);
                    key.createdAt = Instant.now();
                    return key.persist().replaceWith(new CreatedKey(key, secret));
                }));
    }

    /** Revokes at once: the authentication lookup only accepts unrevoked keys. Revoking twice is harmless. */
    @WithTransaction
    public Uni<Void> revoke(UUID accountId, UUID keyId) {
        return ApiKey.<ApiKey>find("id = ?1 and accountId = ?2", keyId, accountId).firstResult().onItem().ifNull()
                .failWith(() -> ApiException.notFound("api_key_not_found", "No API key with id " + keyId + "."))
                .invoke(key -> {
                    if (key.revokedAt == null) {
                        key.revokedAt = Instant.now();
                    }
                }).replaceWithVoid();
    }
}
