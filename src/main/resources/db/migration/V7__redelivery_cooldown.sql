-- When each account last had a redelivery queued: POST /jobs/{id}/redeliver is refused (429) until
-- imagecogni.postback.redeliver-cooldown has passed. Its own table, so the turn is taken with one
-- conditional upsert and the account row is not locked by it.
create table redelivery_cooldown (
    account_id  uuid        primary key references account (id) on delete cascade,
    last_at     timestamptz not null
);
