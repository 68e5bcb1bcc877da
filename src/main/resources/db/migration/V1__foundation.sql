-- Foundation schema: accounts, verification tokens, plans, credits, IP allow-list, API keys.

create table account (
    id              uuid primary key,
    email           varchar(254) not null,
    password_hash   varchar(100),
    status          varchar(16)  not null check (status in ('pending', 'active')),
    plan            varchar(64)  not null,
    created_at      timestamptz  not null,
    verified_at     timestamptz
);
-- emails are stored lower-cased, so a plain unique index is case-insensitive in effect
create unique index account_email_uq on account (email);

create table verification_token (
    id          uuid primary key,
    account_id  uuid        not null references account (id) on delete cascade,
    token_hash  varchar(64)    not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create unique index verification_token_hash_uq on verification_token (token_hash);
create index verification_token_account_idx on verification_token (account_id);

-- every plan change, newest last; account.plan holds the current one
create table plan_assignment (
    id           uuid primary key,
    account_id   uuid        not null references account (id) on delete cascade,
    plan         varchar(64) not null,
    assigned_by  varchar(254) not null,
    assigned_at  timestamptz not null
);
create index plan_assignment_account_idx on plan_assignment (account_id, assigned_at);

-- credits consumed per account and billing period (calendar month, UTC)
create table credit_usage (
    id            uuid primary key,
    account_id    uuid        not null references account (id) on delete cascade,
    period_start  date        not null,
    used          bigint      not null default 0 check (used >= 0),
    updated_at    timestamptz not null
);
create unique index credit_usage_period_uq on credit_usage (account_id, period_start);

create table allowed_ip (
    id          uuid primary key,
    account_id  uuid        not null references account (id) on delete cascade,
    address     varchar(64) not null,
    active      boolean     not null,
    created_at  timestamptz not null
);
create unique index allowed_ip_address_uq on allowed_ip (account_id, address);

create table api_key (
    id            uuid primary key,
    account_id    uuid         not null references account (id) on delete cascade,
    name          varchar(100) not null,
    prefix        varchar(16)  not null,
    key_hash      varchar(64)     not null,
    created_at    timestamptz  not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create unique index api_key_hash_uq on api_key (key_hash);
create index api_key_account_idx on api_key (account_id);

-- failed sign-in attempts per key ("email:…" or "address:…") in a fixed window
create table login_throttle (
    throttle_key       varchar(300) primary key,
    failures           integer     not null,
    window_started_at  timestamptz not null
);
