package com.imagecogni.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.imagecogni.queue.JobStatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Jobs by state (queued is the queue depth) as gauges, refreshed from PostgreSQL every few
 * seconds: the queue is shared by all replicas, so every replica reports the same numbers.
 */
@ApplicationScoped
public class QueueMetrics {

    private static final Logger LOG = Logger.getLogger(QueueMetrics.class);
    private static final List<String> STATES = Arrays.stream(JobStatus.values()).map(JobStatus::sql).toList();

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void register() {
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
        }).onFailure().invoke(failure -> LOG.debugf("job counts not refreshed: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
