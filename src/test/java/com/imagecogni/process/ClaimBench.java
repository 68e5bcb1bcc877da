package com.imagecogni.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.flywaydb.core.Flyway;

import com.imagecogni.queue.JobStatus;
import com.imagecogni.queue.WorkKind;
import com.imagecogni.queue.WorkQueue;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.sqlclient.PoolOptions;

/**
 * Claims per second one PostgreSQL sustains for the work queue ({@code bin/bench-api --claims}): the service's own
 * statements (queue/WorkQueue) on a migrated database of its own holding a deep queue, with no image work, at
 * several numbers of concurrent claimers (each one connection, as a worker slot of some replica). One cycle is a
 * job's whole life in the queue: claim for processing, hand on to delivery, claim the delivery, end. Also prints the
 * CPU-seconds PostgreSQL spent per 1,000 cycles. Prints figures; asserts nothing.
 */
final class ClaimBench {

    private static final String DATABASE = "imagecogni_claim_bench";
    private static final int DEPTH = 300_000;
    private static final Duration RUN = Duration.ofSeconds(15);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private ClaimBench() {
    }

    static void run() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:5432/";
        try (Connection admin = DriverManager.getConnection(url + "postgres", "postgres", "");
                Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + DATABASE + " with (force)");
            s.execute("create database " + DATABASE);
        }
        Flyway.configure().dataSource(url + DATABASE, "postgres", "").locations("classpath:db/migration")
                .placeholders(Map.of("jobs_retention", "24h")).load().migrate();
        try (Connection c = DriverManager.getConnection(url + DATABASE, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("""
                    insert into account (id, email, status, plan, created_at, webhook_secret)
                    values ('00000000-0000-0000-0000-000000000001', 'bench@example.test', 'active', 'free', now(), 'whsec_bench');
                    insert into configuration (id, account_id, name, current_version, created_at, updated_at)
                    values ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'bench', 1, now(), now());
                    insert into configuration_version (configuration_id, version, name, postback_url, operations,
                                                       credits_per_source, created_at)
                    values ('00000000-0000-0000-0000-000000000002', 1, 'bench', 'http://127.0.0.1:9/', '[]', 1, now());""");
            s.execute("insert into job (id, account_id, configuration_id, configuration_version, status, sources_count,"
                    + " credits_reserved, period_start, webhook_id, created_at) select gen_random_uuid(),"
                    + " '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 1, 'queued', 1, 1,"
                    + " current_date, 'msg_' || g, now() - make_interval(secs => " + DEPTH + " - g) from generate_series(1, " + DEPTH + ") g");
            s.execute("insert into work_item (job_id, kind, run_at, weight) select id, 'process', created_at, 50000000 from job");
            s.execute("vacuum analyze");
        }
        System.out.printf("claim benchmark: PostgreSQL on this machine (%d cores), a queue %d jobs deep, %d s per row%n",
                Runtime.getRuntime().availableProcessors(), DEPTH, RUN.toSeconds());
        System.out.println("| claimers | job cycles/s (4 statements each) | claims/s | PostgreSQL CPU-s per 1,000 cycles | client CPU-s per 1,000 cycles |");
        System.out.println("|---|---|---|---|---|");
        Vertx vertx = Vertx.vertx();
        try {
            for (int claimers : new int[] { 1, 2, 4, 8, 16, 32 }) {
                measure(vertx, claimers);
            }
        } finally {
            vertx.closeAndAwait();
        }
    }

    private static void measure(Vertx vertx, int claimers) throws Exception {
        PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase(DATABASE)
                .setUser("postgres").setPassword("");
        Pool pool = PgBuilder.pool().connectingTo(options).with(new PoolOptions().setMaxSize(claimers)).using(vertx).build();
        try {
            AtomicLong cycles = new AtomicLong();
            long deadline = System.nanoTime() + RUN.toNanos();
            double pgBefore = ProcessStats.postgresCpuSeconds();
            double clientBefore = ProcessStats.ownCpuSeconds();
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                String owner = "bench-" + claimers + "-" + i;
                threads.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < deadline) {
                        cycle(pool, owner);
                        cycles.incrementAndGet();
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double pg = ProcessStats.postgresCpuSeconds() - pgBefore;
            double client = ProcessStats.ownCpuSeconds() - clientBefore;
            long n = cycles.get();
            System.out.printf("| %d | %.0f | %.0f | %.3f | %.3f |%n", claimers, n / seconds, 2 * n / seconds, pg * 1000 / n,
                    client * 1000 / n);
        } finally {
            pool.closeAndAwait();
        }
    }

    /** One job through the queue: claimed for processing, handed on, its delivery claimed and ended. */
    private static void cycle(Pool pool, String owner) {
        var claims = WorkQueue.claim(pool, WorkKind.PROCESS, owner, 1, LEASE, Long.MAX_VALUE, true, null).await().indefinitely();
        for (WorkQueue.Claim claim : claims) {
            WorkQueue.handOn(pool, claim.jobId(), owner, WorkKind.DELIVER, null).await().indefinitely();
        }
        var deliveries = WorkQueue.claim(pool, WorkKind.DELIVER, owner, 1, LEASE, Long.MAX_VALUE, true, null)
                .await().indefinitely();
        for (WorkQueue.Claim delivery : deliveries) {
            WorkQueue.end(pool, delivery.jobId(), owner, JobStatus.COMPLETED).await().indefinitely();
        }
    }
}
