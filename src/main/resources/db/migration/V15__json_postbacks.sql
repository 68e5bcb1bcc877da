-- Issue #19: postbacks the Standard Webhooks libraries verify.
--
-- 1. A configuration version says how its postbacks are sent: 'multipart' (the guide's form with the ZIP, as before)
--    or 'json' (a job.completed event whose result.url is a signed link to the ZIP). Versions saved before keep
--    multipart, which is what they were delivered as.
alter table configuration_version add column postback_format varchar(16) not null default 'multipart'
    check (postback_format in ('multipart', 'json'));

-- 2. manifest.json of the result, as written into the ZIP, kept beside the result's row: a JSON postback carries it
--    without reading the ZIP back from the blob store. Null for results written before this migration, and by a
--    replica of the earlier version during a rolling upgrade (a JSON postback of such a result reads the ZIP).
alter table job_result add column manifest text;
