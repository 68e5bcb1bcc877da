-- "Try on a sample image" (POST /api/v1/configurations/try) is charged like a one-source job but makes no job row:
-- each charged try is kept here, so what the credits were spent on adds up per day (My Plan's chart) and can be
-- accounted for. Refunded (failed) tries leave no row.
create table sample_try (
    id           uuid        primary key,
    account_id   uuid        not null references account (id) on delete cascade,
    period_start date        not null,
    credits      integer     not null check (credits >= 0),
    created_at   timestamptz not null default now()
);
create index sample_try_account_period on sample_try (account_id, period_start);
