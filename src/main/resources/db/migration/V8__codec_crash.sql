-- Set while a worker is inside a native decoder for this source, cleared when the call returns. A
-- native fault kills the process without an exception; the next attempt of the job finds the
-- mark still set and fails that source as codec_crash (refunded) instead of decoding it again.
alter table job_source add column native_call_at timestamptz;
