-- Versioned configurations: every save is a new immutable version; jobs point at the version they ran.

create table configuration (
    id               uuid primary key,
    account_id       uuid         not null references account (id) on delete cascade,
    name             varchar(100) not null,
    current_version  integer      not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    deleted_at       timestamptz
);
create index configuration_account_idx on configuration (account_id, created_at desc);
-- names are unique per account among live configurations (they name the JSON file in the result ZIP)
create unique index configuration_name_uq on configuration (account_id, lower(name)) where deleted_at is null;

create table configuration_version (
    configuration_id    uuid          not null references configuration (id) on delete cascade,
    version             integer       not null,
    name                varchar(100)  not null,
    postback_url        varchar(2048) not null,
    operations          text          not null,
    credits_per_source  integer       not null,
    created_at          timestamptz   not null,
    primary key (configuration_id, version)
);
