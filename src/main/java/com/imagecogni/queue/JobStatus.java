package com.imagecogni.queue;

import java.util.Locale;

/** A job's {@code job.status}: queued, then processing, then delivering, then completed; or failed. */
public enum JobStatus {
    QUEUED, PROCESSING, DELIVERING, COMPLETED, FAILED;

    /** The value stored in the database column. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromSql(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
