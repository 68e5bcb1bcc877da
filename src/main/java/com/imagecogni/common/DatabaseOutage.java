package com.imagecogni.common;

import java.net.ConnectException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Recognises failures that mean PostgreSQL is away (down, restarting, connection lost), not a bug. */
public final class DatabaseOutage {

    /** What clients are told to wait while the database is away. */
    public static final long RETRY_AFTER_SECONDS = 5;

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            // SQLSTATE class 08 (connection exception) and 57P0x (shutdown, restarting, cannot connect now)
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("Connection refused") || message.contains("Connection reset")
                    || message.contains("Connection closed") || message.contains("connection is closed"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
