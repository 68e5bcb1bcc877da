-- 1. The end of a job's processing is an event: a request that waits for it (Prefer: wait=N, SPEC §6) LISTENs on
--    imagecogni_job_done in whichever replica holds the request, whichever replica ran the job. Sent once, when the
--    job leaves queued/processing for delivering, completed or failed; the payload is the job id.
create function imagecogni_notify_job_done() returns trigger language plpgsql as $$
begin
    perform pg_notify('imagecogni_job_done', new.id::text);
    return new;
end $$;

create trigger job_done_notify after update of status on job
    for each row when (old.status in ('queued', 'processing') and new.status in ('delivering', 'completed', 'failed'))
    execute function imagecogni_notify_job_done();

-- 2. Progress while a job is processed, written by the worker at a bounded rate (JobProgress): sources finished (done
--    or failed) and outputs written so far, of the outputs the configuration makes of all the job's sources.
alter table job add column sources_done int not null default 0,
                add column outputs_done int not null default 0,
                add column outputs_total int;
