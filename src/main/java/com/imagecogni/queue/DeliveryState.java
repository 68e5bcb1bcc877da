package com.imagecogni.queue;

import java.util.Locale;

/** A job's {@code job.delivery_state}: pending until a postback is answered 2xx (delivered), 410 (gone) or runs out of attempts (exhausted). */
public enum DeliveryState {
    PENDING, DELIVERED, GONE, EXHAUSTED;

    /** The value stored in the database column. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromSql(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
