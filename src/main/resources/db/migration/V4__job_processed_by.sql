-- Which replica's worker produced a job's result (operations: who did the work after a rescue).
alter table job add column processed_by varchar(100);
