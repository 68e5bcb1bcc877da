package com.imagecogni.queue;

import com.imagecogni.delivery.PostbackFormat;
import com.imagecogni.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each state enum (and the postback format) lists exactly the values its column's CHECK constraint allows, in the migrated schema. */
@QuarkusTest
class StatesMatchSchemaTest {

    private static final Pattern QUOTED = Pattern.compile("'([a-z_]+)'");

    @Inject
    Db db;

    private Set<String> allowed(String table, String column) {
        Row row = db.one("""
                select pg_get_constraintdef(c.oid) as def
                  from pg_constraint c
                  join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
                 where c.contype = 'c' and c.conrelid = $1::regclass and a.attname = $2""", table, column);
        Set<String> values = new TreeSet<>();
        Matcher m = QUOTED.matcher(row.getString("def"));
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static <E extends Enum<E>> Set<String> names(E[] values, Function<E, String> sql) {
        return Arrays.stream(values).map(sql).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyStateEnumMatchesItsCheckConstraint() {
        assertEquals(allowed("job", "status"), names(JobStatus.values(), JobStatus::sql));
        assertEquals(allowed("job_source", "status"), names(SourceStatus.values(), SourceStatus::sql));
        assertEquals(allowed("job", "delivery_state"), names(DeliveryState.values(), DeliveryState::sql));
        assertEquals(allowed("delivery_attempt", "outcome"), names(AttemptOutcome.values(), AttemptOutcome::sql));
        assertEquals(allowed("work_item", "kind"), names(WorkKind.values(), WorkKind::sql));
        assertEquals(allowed("configuration_version", "postback_format"), names(PostbackFormat.values(), PostbackFormat::sql));
    }
}
