package com.imagecogni.support;

import java.time.Duration;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Direct SQL for tests that check or arrange database rows. */
@ApplicationScoped
public class Db {

    @Inject
    Pool pool;

    public RowSet<Row> query(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(java.util.Arrays.asList(args))).await().atMost(Duration.ofSeconds(10));
    }

    public Row one(String sql, Object... args) {
        RowSet<Row> rows = query(sql, args);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.iterator().next();
    }
}
