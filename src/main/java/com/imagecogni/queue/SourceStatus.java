package com.imagecogni.queue;

import java.util.Locale;

/** A source's {@code job_source.status}: pending until its job is rendered, then succeeded or failed. */
public enum SourceStatus {
    PENDING, SUCCEEDED, FAILED;

    /** The value stored in the database column. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceStatus fromSql(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
