package com.imagecogni.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.imagecogni.queue.JobStatus;
import com.imagecogni.queue.WorkKind;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Jobs by state, and the queue depth (work items due and not claimed, by kind) that an autoscaler scales on, as
 * gauges refreshed from PostgreSQL every few seconds: the queue is shared by all replicas, so every replica reports
 * the same numbers.
 */
@ApplicationScoped
public class QueueMetrics {

    private static final Logger LOG = Logger.getLogger(QueueMetrics.class);
    private static final List<String> STATES = Arrays.stream(JobStatus.values()).map(JobStatus::sql).toList();

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private static final List<String> KINDS = Arrays.stream(WorkKind.values()).map(WorkKind::sql).toList();

    // due and not leased: what is waiting for a worker now (an item waiting out a retry back-off is not demand yet)
    private static final String DEPTH = """
            select kind, count(*) as n from work_item where lease_owner is null and run_at <= now() group by kind""";

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();

    void register() {
        for (String kind : KINDS) {
            Gauge.builder("imagecogni.queue.depth", depths.computeIfAbsent(kind, k -> new AtomicLong()), AtomicLong::get)
                    .tag("kind", kind).description("Work items due and not yet claimed (process: jobs waiting for a"
                            + " worker; deliver: postbacks waiting to be sent), across all replicas").register(registry);
        }
        for (String state : STATES) {
            AtomicLong value = counts.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("imagecogni.jobs", value, AtomicLong::get).tag("state", state)
                    .description("Jobs in each state (queued = queue depth), across all replicas").register(registry);
        }
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        if (counts.isEmpty()) {
            register();
        }
        return pool.query("select status, count(*) as n from job group by status").execute().invoke(rows -> {
            for (String state : STATES) {
                counts.get(state).set(0);
            }
            rows.forEach(row -> counts.computeIfAbsent(row.getString("status"), s -> new AtomicLong()).set(row.getLong("n")));
        }).chain(() -> pool.query(DEPTH).execute()).invoke(rows -> {
            depths.values().forEach(depth -> depth.set(0));
            rows.forEach(row -> depths.computeIfAbsent(row.getString("kind"), k -> new AtomicLong()).set(row.getLong("n")));
        }).onFailure().invoke(failure -> LOG.debugf("job counts not refreshed: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
