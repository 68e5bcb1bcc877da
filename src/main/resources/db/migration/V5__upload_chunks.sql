-- Large uploads are streamed into the database in 1 MiB chunks before the job row is written, so a
-- replica never holds a whole 40 MB source in memory to store it, while the job, its credits and its
-- sources still appear in one statement. The worker reads a chunked source back as one value.
-- Chunks that no job source refers to (a refused or interrupted upload) are purged after an hour.
create table upload_chunk (
    upload_id  uuid        not null,
    seq        integer     not null,
    data       bytea       not null,
    created_at timestamptz not null default now(),
    primary key (upload_id, seq)
);
create index upload_chunk_created_at on upload_chunk (created_at);

alter table job_source add column upload_id uuid;
create index job_source_upload_id on job_source (upload_id) where upload_id is not null;

-- image bytes do not compress: store them out of line without trying
alter table upload_chunk alter column data set storage external;
alter table job_source alter column content set storage external;
