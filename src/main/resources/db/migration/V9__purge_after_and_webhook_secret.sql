-- Issue #15, "correct facts".
--
-- 1. Retention. job.purge_after is the moment retention housekeeping deletes a job's result and
--    source bytes; the job status shows the same column as result.expiresAt, so the two cannot
--    disagree. It is written in one place, the trigger below, when the job ends (becomes completed
--    or failed: its last postback attempt was recorded, or processing failed for good): then plus
--    the retention the job was accepted with (job.retention, imagecogni.jobs.retention at intake).
--    A job being processed or delivered has none and is not purged; a redelivery clears it, and
--    the clock starts again when that delivery ends.
--
--    Jobs that had ended already get the moment the purge computed for them until now: retention
--    after the later of finished_at and their last postback attempt. The jobs_retention placeholder
--    is imagecogni.jobs.retention (application.properties), so a deployment with another retention
--    keeps its own.
--
--    Intake writes job.retention from the configuration; the default, the retention configured when
--    this migration ran, only serves rows written by hand (tests, operators).
alter table job add column retention interval not null default interval '${jobs_retention}';

alter table job add column purge_after timestamptz;
update job set purge_after = greatest(finished_at, coalesce((select max(d.started_at) from delivery_attempt d where d.job_id = job.id),
                                                            finished_at)) + retention
 where status in ('completed', 'failed');
create index job_purge_after_idx on job (purge_after) where purge_after is not null;

create function imagecogni_job_retention() returns trigger language plpgsql as $$
begin
    new.purge_after := case when new.status in ('completed', 'failed') then now() + new.retention end;
    return new;
end $$;

create trigger job_retention before update of status on job
    for each row when (old.status is distinct from new.status) execute function imagecogni_job_retention();

-- 2. The webhook secret is created with the account (sign-up), no longer on first use by a
--    delivery or by GET /account/webhook-secret. Accounts without one get one now, in the form the
--    service writes: whsec_ + base64 of 32 random bytes. The bytes come from pgcrypto's
--    gen_random_bytes when that extension is installed, else from two gen_random_uuid() (both
--    draw on the server's strong random source; a v4 UUID carries 122 random bits of its 128).
do $$
begin
    if to_regproc('gen_random_bytes') is not null then
        execute $q$update account set webhook_secret = 'whsec_' || encode(gen_random_bytes(32), 'base64')
                    where webhook_secret is null$q$;
    else
        update account set webhook_secret = 'whsec_' || encode(decode(replace(gen_random_uuid()::text, '-', '')
                                                                      || replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64')
         where webhook_secret is null;
    end if;
end $$;
alter table account alter column webhook_secret set not null;
