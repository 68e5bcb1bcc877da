package com.imagecogni.queue;

import java.util.Locale;

/** One postback attempt's {@code delivery_attempt.outcome}. */
public enum AttemptOutcome {
    DELIVERED, FAILED, GONE;

    /** The value stored in the database column. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttemptOutcome fromSql(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
