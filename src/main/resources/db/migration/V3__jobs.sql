-- Jobs: a durable queue in PostgreSQL that every replica claims from, with the sources, the
-- result ZIP and every postback attempt.

alter table account add column webhook_secret varchar(64);

create table job (
    id                     uuid primary key,
    account_id             uuid         not null references account (id) on delete cascade,
    configuration_id       uuid         not null,
    configuration_version  integer      not null,
    status                 varchar(16)  not null check (status in ('queued', 'processing', 'delivering', 'completed', 'failed')),
    sources_count          integer      not null,
    credits_reserved       integer      not null,
    credits_refunded       integer      not null default 0,
    period_start           date         not null,
    idempotency_key        varchar(200),
    webhook_id             varchar(64)  not null,
    attempts               integer      not null default 0,
    run_after              timestamptz  not null,
    locked_by              varchar(100),
    locked_at              timestamptz,
    heartbeat_at           timestamptz,
    error                  varchar(2000),
    created_at             timestamptz  not null,
    started_at             timestamptz,
    finished_at            timestamptz,
    delivery_state         varchar(16)  not null default 'pending'
                           check (delivery_state in ('pending', 'delivered', 'gone', 'exhausted')),
    delivery_attempts      integer      not null default 0,
    next_delivery_at       timestamptz,
    delivery_locked_until  timestamptz,
    delivered_at           timestamptz,
    foreign key (configuration_id, configuration_version) references configuration_version (configuration_id, version)
);
create index job_account_idx on job (account_id, created_at desc);
create index job_queued_idx on job (run_after, created_at) where status = 'queued';
create index job_processing_idx on job (heartbeat_at) where status = 'processing';
create index job_delivering_idx on job (next_delivery_at) where status = 'delivering';
create index job_finished_idx on job (finished_at) where status in ('completed', 'failed');
create unique index job_idempotency_uq on job (account_id, idempotency_key) where idempotency_key is not null;

create table job_source (
    job_id         uuid          not null references job (id) on delete cascade,
    position       integer       not null,
    name           varchar(1024) not null,
    size           bigint        not null,
    content        bytea,
    status         varchar(16)   not null check (status in ('pending', 'succeeded', 'failed')),
    error_reason   varchar(64),
    error_message  varchar(1000),
    primary key (job_id, position)
);

create table job_result (
    job_id      uuid        primary key references job (id) on delete cascade,
    zip         bytea       not null,
    size        bigint      not null,
    sha256      varchar(64)    not null,
    created_at  timestamptz not null
);

create table delivery_attempt (
    id           uuid primary key,
    job_id       uuid        not null references job (id) on delete cascade,
    attempt      integer     not null,
    started_at   timestamptz not null,
    duration_ms  integer     not null,
    status_code  integer,
    outcome      varchar(16) not null check (outcome in ('delivered', 'failed', 'gone')),
    error        varchar(1000)
);
create index delivery_attempt_job_idx on delivery_attempt (job_id, attempt);

-- idle workers of every replica LISTEN on these channels and wake within milliseconds
create function imagecogni_notify_job() returns trigger language plpgsql as $$
begin
    if new.status = 'queued' then
        perform pg_notify('imagecogni_jobs', new.id::text);
    elsif new.status = 'delivering' then
        perform pg_notify('imagecogni_deliveries', new.id::text);
    end if;
    return null;
end $$;

create trigger job_notify_insert after insert on job
    for each row execute function imagecogni_notify_job();
create trigger job_notify_update after update of status, next_delivery_at on job
    for each row when (new.status in ('queued', 'delivering')) execute function imagecogni_notify_job();
