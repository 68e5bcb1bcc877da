package com.imagecogni.account;

import java.time.Instant;
import java.util.UUID;

import com.imagecogni.account.apikey.ApiKey;
import com.imagecogni.account.ip.AllowedIp;
import com.imagecogni.common.ApiException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** "My Plan": the account, its plan, this period's credits and how much of each limit is used. */
@ApplicationScoped
public class AccountOverviewService {

    @Inject
    Plans plans;

    /** The answer of GET /api/v1/account. */
    @RegisterForReflection
    public record Overview(UUID accountId, String email, Instant createdAt, PlanView plan, Credits credits, Usage usage) {
    }

    /** Credits of the current period. */
    @RegisterForReflection
    public record Credits(long allowance, long used, long remaining, Instant periodStart, Instant periodEnd) {
    }

    /** How much of each plan limit the account uses. */
    @RegisterForReflection
    public record Usage(long activeIps, long ipEntries, long apiKeys) {
    }

    @WithSession
    public Uni<Overview> overview(UUID accountId) {
        CreditPeriod period = CreditPeriod.containing(Instant.now());
        return Account.<Account>findById(accountId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ApiException.notFound("account_not_found", "The account no longer exists."));
            }
            PlanView plan = plans.of(account);
            return CreditUsage.<CreditUsage>find("accountId = ?1 and periodStart = ?2", accountId, period.start()).firstResult()
                    .chain(usage -> AllowedIp.count("accountId = ?1 and active = true", accountId)
                            .chain(active -> AllowedIp.count("accountId", accountId)
                                    .chain(entries -> ApiKey.count("accountId = ?1 and revokedAt is null", accountId)
                                            .map(keys -> {
                                                long used = usage == null ? 0 : usage.used;
                                                long allowance = plan.limits().monthlyCredits();
                                                return new Overview(account.id, account.email, account.createdAt, plan,
                                                        new Credits(allowance, used, Math.max(0, allowance - used),
                                                                period.startsAt(), period.endsAt()),
                                                        new Usage(active, entries, keys));
                                            }))));
        });
    }
}
