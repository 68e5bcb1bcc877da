-- Issue #16: sources by URL (SPEC section 6). A job may name sources by URL instead of (or beside) uploading them.
-- Such a source is a job_source row with its URL and no bytes yet (size 0, pixels planned at the pixel limit); the
-- worker fetches it, puts the bytes into the blob store under the source's usual key (jobs/{job}/sources/{position})
-- and sets fetched_at, the real size and pixels, so a later attempt of the job reads them from there rather than
-- from the origin again. A fetch that failed sets fetched_at too, with the source failed (source_fetch_failed) and,
-- when the origin's answer was why, the HTTP status it answered with.
alter table job_source add column url varchar(2048);
alter table job_source add column fetched_at timestamptz;
alter table job_source add column upstream_status integer;
