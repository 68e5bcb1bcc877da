package com.imagecogni.account.ip;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.imagecogni.account.Account;
import com.imagecogni.account.PlanView;
import com.imagecogni.account.Plans;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.common.IpAddresses;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

/**
 * The account's IP allow-list. Changes that may activate an entry lock the account row first,
 * so two concurrent requests cannot both squeeze under the plan's active limit; an entry wider
 * than the configured minimum prefix is never added or activated.
 */
@ApplicationScoped
public class IpAllowListService {

    @Inject
    Plans plans;

    @Inject
    ImagecogniConfig config;

    @WithSession
    public Uni<List<AllowedIp>> list(UUID accountId) {
        return AllowedIp.list("accountId = ?1 order by createdAt, address", accountId);
    }

    @WithTransaction
    public Uni<AllowedIp> add(UUID accountId, String text) {
        String address = IpAddresses.canonical(text).orElseThrow(() -> ApiException.invalidField("invalid_address", "$.address",
                "must be an IPv4 or IPv6 address, or a CIDR block such as 203.0.113.0/24"));
        requireNarrowEnough(address, "$.address");
        return lockedAccount(accountId)
                .chain(account -> AllowedIp.count("accountId = ?1 and address = ?2", accountId, address).chain(existing -> {
                    if (existing > 0) {
                        return Uni.createFrom().failure(ApiException.conflict("ip_already_listed",
                                address + " is already on your allow-list."));
                    }
                    return requireRoomForOneMore(account).chain(() -> {
                        AllowedIp entry = new AllowedIp();
                        entry.id = UUID.randomUUID();
                        entry.accountId = accountId;
                        entry.address = address;
                        entry.active = true;
                        entry.createdAt = Instant.now();
                        return entry.persist();
                    });
                }));
    }

    @WithTransaction
    public Uni<AllowedIp> setActive(UUID accountId, UUID entryId, boolean active) {
        return lockedAccount(accountId).chain(account -> owned(accountId, entryId).chain(entry -> {
            if (entry.active == active || !active) {
                entry.active = active;
                return Uni.createFrom().item(entry);
            }
            // entries from before the minimum existed stay listed but cannot come back
            requireNarrowEnough(entry.address, "$.active");
            return requireRoomForOneMore(account).map(ignored -> {
                entry.active = true;
                return entry;
            });
        }));
    }

    @WithTransaction
    public Uni<Void> delete(UUID accountId, UUID entryId) {
        return owned(accountId, entryId).chain(entry -> entry.delete());
    }

    private void requireNarrowEnough(String address, String path) {
        int v4 = config.security().minIpv4Prefix();
        int v6 = config.security().minIpv6Prefix();
        if (IpAddresses.widerThan(address, v4, v6)) {
            throw ApiException.invalidField("address_range_too_wide", path, address + " is too wide: an entry may cover"
                    + " at most a /" + v4 + " of IPv4 or a /" + v6 + " of IPv6 (and no IPv6 block may contain the IPv4-mapped"
                    + " range ::ffff:0:0/96). List your backends' addresses or narrower blocks instead.");
        }
    }

    private Uni<Account> lockedAccount(UUID accountId) {
        return Account.<Account>findById(accountId, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> ApiException.notFound("account_not_found", "The account no longer exists."));
    }

    private Uni<AllowedIp> owned(UUID accountId, UUID entryId) {
        // another account's entry is indistinguishable from a missing one
        return AllowedIp.<AllowedIp>find("id = ?1 and accountId = ?2", entryId, accountId).firstResult().onItem().ifNull()
                .failWith(() -> ApiException.notFound("ip_not_found", "No allow-list entry with id " + entryId + "."));
    }

    private Uni<Void> requireRoomForOneMore(Account account) {
        PlanView plan = plans.of(account);
        int limit = plan.limits().activeIps();
        return AllowedIp.count("accountId = ?1 and active = true", account.id).map(active -> {
            if (active >= limit) {
                throw ApiException.conflict("ip_limit_reached", "Your " + plan.title() + " plan allows " + limit
                        + " active IP addresses and all are in use. Deactivate one (PATCH /api/v1/account/ips/{id}"
                        + " with {\"active\": false}) or upgrade your plan to add another.");
            }
            return null;
        });
    }
}
