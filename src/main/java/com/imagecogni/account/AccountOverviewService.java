package com.imagecogni.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.imagecogni.common.ApiException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** "My Plan": the account, its plan, this period's credits and how much of each limit is used. */
@ApplicationScoped
public class AccountOverviewService {

    // every count in one round trip
    private static final String USAGE = """
            select (select count(*) from allowed_ip where account_id = $1 and active) as active_ips,
                   (select count(*) from allowed_ip where account_id = $1) as ip_entries,
                   (select count(*) from api_key where account_id = $1 and revoked_at is null) as api_keys,
                   (select count(*) from configuration where account_id = $1 and deleted_at is null) as configurations,
                   coalesce((select used from credit_usage where account_id = $1 and period_start = $2), 0) as credits_used""";

    // what the period's jobs (reserved less refunded) and charged tries cost, per UTC day: the ledger's used
    private static final String BY_DAY = """
            select (created_at at time zone 'utc')::date as day, sum(credits) as credits
              from (select created_at, credits_reserved - credits_refunded as credits from job
                     where account_id = $1 and period_start = $2
                    union all
                    select created_at, credits from sample_try where account_id = $1 and period_start = $2) as spent
             group by 1 order by 1""";

    @Inject
    Plans plans;

    @Inject
    Pool pool;

    /** The answer of GET /api/v1/account. */
    @RegisterForReflection
    public record Overview(UUID accountId, String email, Instant createdAt, PlanView plan, Credits credits, Usage usage) {
    }

    /** Credits of the current period, and what was used on each day of it that used any (My Plan's chart). */
    @RegisterForReflection
    public record Credits(long allowance, long used, long remaining, Instant periodStart, Instant periodEnd,
            List<DayUsage> byDay) {
    }

    /** Credits used by the jobs accepted on one UTC day. */
    @RegisterForReflection
    public record DayUsage(LocalDate day, long credits) {
    }

    /** How much of each plan limit the account uses. */
    @RegisterForReflection
    public record Usage(long activeIps, long ipEntries, long apiKeys, long configurations) {
    }

    @WithSession
    public Uni<Overview> overview(UUID accountId) {
        CreditPeriod period = CreditPeriod.containing(Instant.now());
        return Account.<Account>findById(accountId).onItem().ifNull()
                .failWith(() -> ApiException.notFound("account_not_found", "The account no longer exists."))
                .chain(account -> pool.preparedQuery(USAGE).execute(Tuple.of(accountId, period.start()))
                        .chain(usage -> pool.preparedQuery(BY_DAY).execute(Tuple.of(accountId, period.start()))
                                .map(days -> overview(account, period, usage.iterator().next(), days))));
    }

    private Overview overview(Account account, CreditPeriod period, Row row, RowSet<Row> days) {
        List<DayUsage> byDay = new ArrayList<>();
        days.forEach(day -> byDay.add(new DayUsage(day.getLocalDate("day"), day.getLong("credits"))));
        PlanView plan = plans.of(account);
        long allowance = plan.limits().monthlyCredits();
        long used = row.getLong("credits_used");
        return new Overview(account.id, account.email, account.createdAt, plan,
                new Credits(allowance, used, Math.max(0, allowance - used), period.startsAt(), period.endsAt(), byDay),
                new Usage(row.getLong("active_ips"), row.getLong("ip_entries"), row.getLong("api_keys"),
                        row.getLong("configurations")));
    }
}
