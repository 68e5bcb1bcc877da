-- Issue #15: one queue for processing and delivery.
--
-- A job with work to do has exactly one work item: kind 'process' from intake until its result is
-- stored, then kind 'deliver' until its postback ends (a redelivery adds a 'deliver' item again).
-- One implementation claims, leases, heartbeats and rescues both kinds (queue/WorkQueue): a claim
-- sets lease_owner and lease_until, a heartbeat moves lease_until on, and the rescuer gives an item
-- whose lease ran out back to the queue (or gives up after the kind's last attempt). Before this, the
-- job row carried two queues with two lease models (locked_by + heartbeat_at for processing,
-- delivery_locked_until for delivery); their columns are dropped below.
--
-- weight is what a claim of the item reserves on the claiming replica: for processing, the heap the
-- job needs (its source bytes plus its largest source decoded, from the headers read at intake), so
-- a replica claims only the jobs that fit beside those it runs; 0 for deliveries.
create table work_item (
    job_id       uuid         primary key references job (id) on delete cascade,
    kind         varchar(16)  not null check (kind in ('process', 'deliver')),
    run_at       timestamptz  not null,
    attempts     integer      not null default 0,
    weight       bigint       not null default 0 check (weight >= 0),
    lease_owner  varchar(100),
    lease_until  timestamptz,
    check ((lease_owner is null) = (lease_until is null))
);
create index work_item_due_idx on work_item (kind, run_at) where lease_owner is null;
create index work_item_lease_idx on work_item (kind, lease_until) where lease_owner is not null;

-- Each source's decoded size (width x height, all frames of an animation) as its header gave it at
-- intake: the job's weight is computed from it. Null for sources accepted before this migration.
alter table job_source add column pixels bigint;

-- The work that was queued or running when this migration ran carries on as work items.
insert into work_item (job_id, kind, run_at, attempts, lease_owner, lease_until)
select id, 'process', coalesce(run_after, created_at), attempts,
       case when status = 'processing' and locked_by is not null then locked_by end,
       case when status = 'processing' and locked_by is not null then coalesce(heartbeat_at, now()) + interval '1 minute' end
  from job where status in ('queued', 'processing');
insert into work_item (job_id, kind, run_at, attempts, lease_owner, lease_until)
select id, 'deliver', coalesce(next_delivery_at, now()), delivery_attempts,
       case when delivery_locked_until > now() then 'migration' end,
       case when delivery_locked_until > now() then delivery_locked_until end
  from job where status = 'delivering';

-- Wake the idle claimers of every replica when an item becomes claimable now (inserted, handed on
-- to delivery, its lease released or rescued); an item due later is found by the poll.
create function imagecogni_notify_work() returns trigger language plpgsql as $$
begin
    if new.lease_owner is null and new.run_at <= now() then
        perform pg_notify(case new.kind when 'process' then 'imagecogni_jobs' else 'imagecogni_deliveries' end,
                          new.job_id::text);
    end if;
    return null;
end $$;

create trigger work_item_notify after insert or update of kind, run_at, lease_owner on work_item
    for each row execute function imagecogni_notify_work();

drop trigger job_notify_insert on job;
drop trigger job_notify_update on job;
drop function imagecogni_notify_job();

-- A job's processing starts when its first attempt is claimed.
create function imagecogni_job_started() returns trigger language plpgsql as $$
begin
    new.started_at := coalesce(new.started_at, now());
    return new;
end $$;

create trigger job_started before update of status on job
    for each row when (new.status = 'processing') execute function imagecogni_job_started();

drop index job_queued_idx;
drop index job_processing_idx;
drop index job_delivering_idx;
create index job_queued_idx on job (account_id) where status = 'queued';
alter table job drop column run_after, drop column locked_by, drop column locked_at, drop column heartbeat_at,
                drop column delivery_attempts, drop column next_delivery_at, drop column delivery_locked_until;
-- job.attempts stays as a fact about the job: the processing attempts it took, written with each attempt's outcome
-- (its work item counts the attempts while it waits or runs, and is gone once processing ended)
comment on column job.attempts is 'processing attempts made, as of the last recorded outcome';
