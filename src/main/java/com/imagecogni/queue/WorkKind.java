package com.imagecogni.queue;

import java.util.Locale;

/**
 * What a {@code work_item} asks for ({@code work_item.kind}), and the job status it holds while it waits and while
 * a replica works on it.
 */
public enum WorkKind {
    /** Render the job's result: queued while it waits, processing while claimed. */
    PROCESS(JobStatus.QUEUED, JobStatus.PROCESSING),
    /** Post the result to the configuration's postback URL: delivering throughout. */
    DELIVER(JobStatus.DELIVERING, JobStatus.DELIVERING);

    private final JobStatus waiting;
    private final JobStatus claimed;

    WorkKind(JobStatus waiting, JobStatus claimed) {
        this.waiting = waiting;
        this.claimed = claimed;
    }

    /** The job's status while an item of this kind waits for a claim. */
    public JobStatus waiting() {
        return waiting;
    }

    /** The job's status while an item of this kind is claimed. */
    public JobStatus claimed() {
        return claimed;
    }

    /** The value stored in the database column. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }
}
