package com.imagecogni.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.imagecogni.account.CreditPeriod;
import com.imagecogni.account.PlanView;
import com.imagecogni.account.Plans;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.ops.Metrics;
import com.imagecogni.storage.BlobStore;
import com.imagecogni.storage.BlobStoreUnavailableException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

/**
 * Accepts an upload: puts the sources' bytes into the blob store under the new job's id, then finds the
 * configuration version, applies the queue bounds, reserves the credits and stores the job with its sources and its
 * work item in ONE statement (one round trip), so concurrent uploads can never overspend and an accepted job always
 * has its bytes. A refused upload's bytes were stored before the statement refused it and are deleted again: under a
 * full queue that is a put and a delete per refusal, the price of one round trip less for every accepted one. The work
 * queue's trigger NOTIFYs the workers of every replica. A source named by URL is charged like a file and
 * stored with its URL and no bytes: the worker fetches it (SourceFetches), and admission plans it
 * at the limits, its size being unknown.
 */
@ApplicationScoped
public class JobIntake {

    /**
     * The whole intake in one statement: the configuration's current version and price, the account's plan and
     * allowance (the plan catalogue comes as arrays, $14-$16), the queue bounds, the credit reservation, and the job
     * with its sources and its work item. It answers one row even when it inserts nothing, with what the refusal
     * needs: no version (no such configuration), the queue counts, or the price and plan (not enough credits).
     */
    private static final String INTAKE = """
            with cfg as (
                select c.current_version, v.credits_per_source::bigint * $5 as credits, a.plan,
                       coalesce(p.monthly, d.monthly) as monthly,
                       (select count(*) from job where status = 'queued') as queued,
                       (select count(*) from job where status = 'queued' and account_id = $2) as queued_by_account
                  from configuration c
                  join configuration_version v on v.configuration_id = c.id and v.version = c.current_version
                  join account a on a.id = c.account_id
                  left join unnest($14::text[], $15::bigint[]) as p(name, monthly) on p.name = a.plan
                  left join unnest($14::text[], $15::bigint[]) as d(name, monthly) on d.name = $16
                 where c.id = $4 and c.account_id = $2 and c.deleted_at is null
            ), admitted as (
                select * from cfg where queued < $17 and queued_by_account < $18
            ), reserve as (
                insert into credit_usage as cu (id, account_id, period_start, used, updated_at)
                select gen_random_uuid(), $2, $3, credits, now() from admitted where credits <= monthly
                on conflict (account_id, period_start) do update
                   set used = cu.used + excluded.used, updated_at = now()
                 where cu.used + excluded.used <= (select monthly from admitted)
                returning 1
            ), inserted as (
                insert into job (id, account_id, configuration_id, configuration_version, status, sources_count,
                                 credits_reserved, period_start, idempotency_key, webhook_id, created_at, retention)
                select $1, $2, $4, a.current_version, 'queued', $5, a.credits, $3, $6, $7, now(), make_interval(secs => $10)
                  from reserve, admitted a
                returning id
            ), work as (
                -- the job's processing, weighed by the heap it needs (WorkQueue claims by it)
                insert into work_item (job_id, kind, run_at, weight) select id, 'process', now(), $12 from inserted
                returning 1
            ), sources as (
                insert into job_source (job_id, position, name, size, status, pixels, url)
                select i.id, s.position::int, s.name, s.size, 'pending', s.pixels, s.url
                  from inserted i, unnest($8::text[], $9::bigint[], $11::bigint[], $13::text[])
                       with ordinality as s(name, size, pixels, url, position)
                returning 1
            )
            select (select count(*) from inserted) as jobs, (select count(*) from sources) as stored, cfg.*
              from (select 1) as answer left join cfg on true""";

    private static final String BY_IDEMPOTENCY_KEY = """
            select id, configuration_id, sources_count, credits_reserved from job
             where account_id = $1 and idempotency_key = $2 and created_at > now() - interval '24 hours'""";

    @Inject
    Pool pool;

    @Inject
    Plans plans;

    @Inject
    ImagecogniConfig config;

    @Inject
    BlobStore blobs;

    @Inject
    Metrics metrics;

    /** The 202 answer of an accepted upload. */
    public record Accepted(String status, UUID jobId, UUID configId, int sources, long credits) {
    }

    public Uni<Accepted> accept(Upload upload) {
        UUID configId = parseConfigId(upload.configId());
        Uni<Accepted> earlier = upload.idempotencyKey() == null ? Uni.createFrom().nullItem() : byKey(upload);
        return earlier.chain(found -> found != null ? Uni.createFrom().item(found) : insert(upload, configId));
    }

    private Uni<Accepted> insert(Upload upload, UUID configId) {
        // the bytes go first, under the job's id; the job row then refers to them by that id
        UUID jobId = UUID.randomUUID();
        return metrics.uploadStage("sources", putSources(upload, jobId))
                .chain(() -> metrics.uploadStage("insert", store(upload, configId, jobId)))
                // with the store away the discard would fail too: housekeeping removes what the puts left after an hour
                .onFailure().call(failure -> BlobStoreUnavailableException.isCause(failure) ? Uni.createFrom().voidItem()
                        : discard(jobId))
                // an Idempotency-Key that was taken meanwhile answers with the earlier job: this one's bytes go
                .call(accepted -> accepted.jobId().equals(jobId) ? Uni.createFrom().voidItem() : discard(jobId));
    }

    /**
     * Puts each source under {@link JobBlobs#source}, one after the other: a streamed source from its spooled file a
     * chunk at a time (a 40 MB source is never whole on the heap), an inline one from the bytes already read.
     */
    private Uni<Void> putSources(Upload upload, UUID jobId) {
        Uni<Void> puts = Uni.createFrom().voidItem();
        int position = 0;
        for (Upload.Source source : upload.sources()) {
            String key = JobBlobs.source(jobId, ++position);
            if (!source.byUrl()) {
                puts = puts.chain(() -> source.streamed() ? blobs.put(key, source.file()) : blobs.put(key, source.bytes()));
            }
        }
        return puts;
    }

    /** Removes the bytes of a job that was not stored (best effort: housekeeping removes what is left after an hour). */
    private Uni<Void> discard(UUID jobId) {
        return blobs.deleteByPrefix(JobBlobs.prefix(jobId)).replaceWithVoid().onFailure().recoverWithNull();
    }

    private Uni<Accepted> store(Upload upload, UUID configId, UUID jobId) {
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Long> pixels = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        List<ProcessingMemory.SourceNeed> needs = new ArrayList<>();
        for (Upload.Source source : upload.sources()) {
            // a source by URL: of unknown size until the worker fetches it, so planned at the limits
            ProcessingMemory.SourceNeed need = source.byUrl() ? ProcessingMemory.SourceNeed.unknown(config.limits())
                    : new ProcessingMemory.SourceNeed(source.size(), source.pixels());
            names.add(source.name());
            sizes.add(source.size());
            pixels.add(need.pixels());
            urls.add(source.url());
            needs.add(need);
        }
        List<PlanView> catalogue = plans.all();
        Tuple args = Tuple.tuple().addValue(jobId).addValue(upload.accountId())
                .addValue(CreditPeriod.containing(Instant.now()).start()).addValue(configId)
                .addValue(upload.sources().size()).addValue(upload.idempotencyKey())
                .addValue("msg_" + jobId.toString().replace("-", ""))
                .addValue(names.toArray(String[]::new)).addValue(sizes.toArray(Long[]::new))
                // how long the result is kept once the job ends: the database starts that clock (purge_after, V9)
                .addValue(config.jobs().retention().toMillis() / 1000.0)
                .addValue(pixels.toArray(Long[]::new)).addValue(ProcessingMemory.need(needs))
                .addValue(urls.toArray(String[]::new))
                .addValue(catalogue.stream().map(PlanView::name).toArray(String[]::new))
                .addValue(catalogue.stream().map(plan -> plan.limits().monthlyCredits()).toArray(Long[]::new))
                .addValue(plans.defaultPlan()).addValue(config.jobs().maxQueued()).addValue(config.jobs().maxQueuedPerAccount());
        return pool.preparedQuery(INTAKE).execute(args).map(rows -> {
            Row row = rows.iterator().next();
            if (row.getLong("jobs") == 1) {
                return new Accepted("success", jobId, configId, upload.sources().size(), row.getLong("credits"));
            }
            throw refusal(row, configId);
        }).onFailure(PgException.class).recoverWithUni(e -> isDuplicateKey(e) && upload.idempotencyKey() != null
                ? byKey(upload).onItem().ifNull().failWith(e) : Uni.createFrom().failure(e));
    }

    /** Why the intake statement stored no job: no such configuration, a full queue, or too few credits left. */
    private ApiException refusal(Row row, UUID configId) {
        if (row.getInteger("current_version") == null) {
            return ApiException.notFound("config_not_found", "No configuration with id " + configId + ".");
        }
        int retryAfter = config.jobs().retryAfterSeconds();
        if (row.getLong("queued") >= config.jobs().maxQueued()) {
            return new ApiException(Status.SERVICE_UNAVAILABLE.getStatusCode(), "queue_full", "The service is busy"
                    + " processing other jobs. Try again in " + retryAfter + " seconds.", null, (long) retryAfter);
        }
        if (row.getLong("queued_by_account") >= config.jobs().maxQueuedPerAccount()) {
            return ApiException.tooManyRequests("too_many_queued_jobs", "You have " + row.getLong("queued_by_account")
                    + " jobs waiting. Try again in " + retryAfter + " seconds.", retryAfter);
        }
        PlanView plan = plans.find(row.getString("plan")).orElseGet(() -> plans.find(plans.defaultPlan()).orElseThrow());
        return new ApiException(Status.PAYMENT_REQUIRED.getStatusCode(), "insufficient_credits", "This job needs "
                + row.getLong("credits") + " credits and your " + plan.title() + " plan has fewer left this month. See GET"
                + " /api/v1/account, wait for the next month or upgrade.", null, null);
    }

    /** The job an earlier request with the same Idempotency-Key created within 24 hours, or null. */
    private Uni<Accepted> byKey(Upload upload) {
        return pool.preparedQuery(BY_IDEMPOTENCY_KEY).execute(Tuple.of(upload.accountId(), upload.idempotencyKey()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Accepted("success", row.getUUID("id"), row.getUUID("configuration_id"),
                            row.getInteger("sources_count"), row.getInteger("credits_reserved"));
                });
    }

    private static boolean isDuplicateKey(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static UUID parseConfigId(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalidField("validation_failed", "configId", "is required");
        }
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("config_not_found", "No configuration with id " + text.trim() + ".");
        }
    }
}
