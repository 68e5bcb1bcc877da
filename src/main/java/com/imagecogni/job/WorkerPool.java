package com.imagecogni.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.imagecogni.queue.ClaimLoop;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.queue.QueueNotifications;
import com.imagecogni.common.ReplicaNames;
import com.imagecogni.pipeline.codec.ThreadNiceness;
import com.imagecogni.queue.WorkQueue;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The bounded image worker pool of this replica. It claims as many jobs as it has free threads and
 * free processing heap for, when NOTIFY says a job arrived, when a job ends, and on a slow poll as a
 * safety net. It keeps
 * the leases of its jobs alive and rescues other replicas' expired ones.
 */
@ApplicationScoped
public class WorkerPool {

    private static final Logger LOG = Logger.getLogger(WorkerPool.class);

    @Inject
    ImagecogniConfig config;

    @Inject
    JobQueue queue;

    @Inject
    JobWorker worker;

    @Inject
    QueueNotifications notifications;

    @Inject
    Vertx vertx;

    private final String workerId = ReplicaNames.owner("");
    private final AtomicInteger busy = new AtomicInteger();
    /** Jobs this replica runs, with the System.nanoTime() each started rendering at (after waiting for heap). */
    private final Map<UUID, Long> running = new ConcurrentHashMap<>();
    private final List<Long> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean accepting = true;
    private int size;
    private ExecutorService executor;
    @Inject
    ProcessingMemory memory;

    // claims are made one at a time (ClaimLoop), and only running jobs give heap back meanwhile: the free heap
    // counted for a claim is still free when the claimed jobs take it
    private final ClaimLoop claims = new ClaimLoop("jobs", () -> size - busy.get(),
            free -> queue.claim(workerId, free, memory.free(), memory.idle()).map(claimed -> {
                claimed.forEach(this::submit);
                return claimed.size();
            }));

    void start(@Observes StartupEvent event) {
        size = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        if (size <= 0) {
            // an API-only replica: it accepts and answers (Prefer: wait included), other replicas process
            size = 0;
            LOG.infof("worker pool %s disabled (imagecogni.workers=0): this replica processes no jobs", workerId);
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        executor = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            int nice = config.imageThreadsNice();
            Thread thread = new Thread(() -> {
                ThreadNiceness.lowerCurrentThread(nice);
                runnable.run();
            }, "imagecogni-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        notifications.onJob(this::fill);
        timers.add(vertx.setPeriodic(config.jobs().pollInterval().toMillis(), id -> fill()));
        timers.add(vertx.setPeriodic(config.jobs().heartbeat().toMillis(), id -> heartbeat()));
        timers.add(vertx.setPeriodic(Math.max(1000, config.jobs().lease().toMillis() / 3), id -> rescue()));
        LOG.infof("worker pool %s started with %d threads", workerId, size);
        fill();
    }

    public String workerId() {
        return workerId;
    }

    /** Threads of this replica, and how many run a job now (for readiness and metrics). */
    public int size() {
        return size;
    }

    public int busy() {
        return busy.get();
    }

    public boolean isAccepting() {
        return accepting;
    }

    /** Claims jobs for every free thread (see {@link ClaimLoop}). */
    void fill() {
        if (accepting) {
            claims.wake();
        }
    }

    private void submit(WorkQueue.Claim claim) {
        UUID jobId = claim.jobId();
        busy.incrementAndGet();
        running.put(jobId, System.nanoTime());
        ProcessingMemory.Lease heap = memory.hold(claim.weight());
        executor.execute(() -> {
            try {
                worker.run(jobId, claim.attempt(), workerId, () -> running.put(jobId, System.nanoTime()));
            } finally {
                heap.close();
                running.remove(jobId);
                busy.decrementAndGet();
                fill();
            }
        });
    }

    /**
     * Refreshes the leases of running jobs, except those past their time limit plus one lease: the pipeline stops
     * itself at the limit, and a job still running long after it is stuck, so its lease is left to expire and the
     * rescuer counts the attempt instead of a heartbeat keeping it alive for ever.
     */
    private void heartbeat() {
        long budget = config.jobs().timeLimit().plus(config.jobs().lease()).toNanos();
        long now = System.nanoTime();
        List<UUID> alive = new ArrayList<>();
        running.forEach((jobId, started) -> {
            if (now - started < budget) {
                alive.add(jobId);
            } else {
                LOG.errorf("job %s is still running %d s after it started, past its time limit; its lease is left to expire",
                        jobId, (now - started) / 1_000_000_000L);
            }
        });
        if (!alive.isEmpty()) {
            queue.heartbeat(workerId, alive).subscribe().with(ignored -> { },
                    failure -> LOG.warnf("heartbeat failed: %s", failure.getMessage()));
        }
    }

    private void rescue() {
        queue.rescue(null).subscribe().with(requeued -> {
            if (requeued > 0) {
                LOG.infof("re-queued %d jobs whose worker stopped", requeued);
            }
        }, failure -> LOG.warnf("rescue failed: %s", failure.getMessage()));
    }

    /** Stops claiming, lets running jobs finish within the grace period, and hands the rest back to the queue. */
    void stop(@Observes ShutdownEvent event) {
        accepting = false;
        timers.forEach(vertx::cancelTimer);
        if (executor == null) {
            return; // no worker threads (imagecogni.workers=0)
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(config.jobs().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                List<UUID> unfinished = List.copyOf(running.keySet());
                LOG.infof("releasing %d unfinished jobs to the queue", unfinished.size());
                queue.release(workerId).await().atMost(java.time.Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("could not release unfinished jobs (their leases will expire): %s", e.getMessage());
        }
    }
}
