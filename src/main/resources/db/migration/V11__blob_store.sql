-- Issue #15, storage/BlobStore: image bytes behind one port. Sources and result ZIPs were bytea in
-- job_source.content, upload_chunk and job_result.zip, read and written by seven classes; now they are
-- blobs under text keys, and with imagecogni.storage.type=database (the default) the blobs live in
-- the three tables below (storage/PostgresBlobStore). The keys (job/JobBlobs):
--   jobs/{job id}/sources/{position}      an uploaded source, position 1.. as in job_source
--   jobs/{job id}/results/{id}.zip        a result ZIP, a new id per attempt; job_result.blob_key names the one recorded
-- Everything of one job shares the prefix jobs/{job id}/, so retention deletes a job's bytes by prefix.

-- The key's current bytes: version names its chunks. A put writes a new version and swaps it in.
create table blob (
    key         text collate "C" primary key,
    version     uuid        not null unique,
    size        bigint      not null check (size >= 0),
    chunks      integer     not null check (chunks >= 0),
    created_at  timestamptz not null
);

-- The bytes, in 1 MiB pieces (seq 0..chunks-1). Image bytes do not compress: stored out of line without trying.
create table blob_chunk (
    version  uuid    not null,
    seq      integer not null,
    data     bytea   not null,
    primary key (version, seq)
);
alter table blob_chunk alter column data set storage external;

-- Puts under way: a row from a put's first chunk until its version is swapped in. Rows left by puts that died
-- are found by their age, and their chunks removed (BlobStore.purgeIncomplete).
create table blob_put (
    version     uuid        primary key,
    started_at  timestamptz not null
);
create index blob_put_started_at on blob_put (started_at);

-- The bytes already stored move over, under the keys above; 1 MiB pieces as the store writes them.
-- Sources stored inline:
with source as materialized (
    select 'jobs/' || job_id || '/sources/' || position as key, gen_random_uuid() as version, content
      from job_source where content is not null
), blobs as (
    insert into blob (key, version, size, chunks, created_at)
    select key, version, length(content), (length(content) + 1048575) / 1048576, now() from source
)
insert into blob_chunk (version, seq, data)
select s.version, n.seq, substring(s.content from n.seq * 1048576 + 1 for 1048576)
  from source s, generate_series(0, (length(s.content) + 1048575) / 1048576 - 1) as n(seq);

-- Sources streamed into upload_chunk (V5), already in 1 MiB pieces numbered from 0:
with source as materialized (
    select 'jobs/' || s.job_id || '/sources/' || s.position as key, gen_random_uuid() as version, s.upload_id,
           (select coalesce(sum(length(c.data)), 0) from upload_chunk c where c.upload_id = s.upload_id) as size,
           (select count(*) from upload_chunk c where c.upload_id = s.upload_id) as chunks
      from job_source s where s.content is null and s.upload_id is not null
), blobs as (
    insert into blob (key, version, size, chunks, created_at)
    select key, version, size, chunks, now() from source where chunks > 0
)
insert into blob_chunk (version, seq, data)
select s.version, c.seq, c.data from source s join upload_chunk c on c.upload_id = s.upload_id where s.chunks > 0;

-- Result ZIPs: the job_result row stays (size, sha256, created_at: "there is a result") and names its blob.
alter table job_result add column blob_key text collate "C";
with result as materialized (
    select job_id, 'jobs/' || job_id || '/results/migrated.zip' as key, gen_random_uuid() as version, zip from job_result
), blobs as (
    insert into blob (key, version, size, chunks, created_at)
    select key, version, length(zip), (length(zip) + 1048575) / 1048576, now() from result
), chunks as (
    insert into blob_chunk (version, seq, data)
    select r.version, n.seq, substring(r.zip from n.seq * 1048576 + 1 for 1048576)
      from result r, generate_series(0, (length(r.zip) + 1048575) / 1048576 - 1) as n(seq)
)
update job_result j set blob_key = r.key from result r where r.job_id = j.job_id;
alter table job_result alter column blob_key set not null;

-- The bytes' old places go. Chunks no source referred to belonged to refused or interrupted uploads.
alter table job_result drop column zip;
alter table job_source drop column content, drop column upload_id;
drop table upload_chunk;

-- Retention deletes a job's blobs once its purge_after has passed, then sets purged_at, so a later purge does not
-- visit the job again (jobs are kept; their bytes are not). Jobs whose bytes were purged already are marked now.
alter table job add column purged_at timestamptz;
update job j set purged_at = now()
 where purge_after <= now()
   and not exists (select 1 from blob b where b.key >= 'jobs/' || j.id || '/' and b.key < 'jobs/' || j.id || '/~');
create index job_purge_due_idx on job (purge_after) where purge_after is not null and purged_at is null;
