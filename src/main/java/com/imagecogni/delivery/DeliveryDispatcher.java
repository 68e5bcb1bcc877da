package com.imagecogni.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.imagecogni.queue.ClaimLoop;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.queue.QueueNotifications;
import com.imagecogni.common.ReplicaNames;
import com.imagecogni.ops.Metrics;
import com.imagecogni.storage.BlobStoreUnavailableException;
import com.imagecogni.storage.StorageConfig;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Sends due postbacks, a bounded number at a time per replica, woken by NOTIFY when a result is
 * ready and by a slow poll for scheduled retries. Non-blocking throughout.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    @Inject
    DeliveryQueue queue;

    @Inject
    PostbackSender sender;

    @Inject
    QueueNotifications notifications;

    @Inject
    ImagecogniConfig config;

    @Inject
    Vertx vertx;

    @Inject
    Metrics metrics;

    @Inject
    StorageConfig storage;

    private final String owner = ReplicaNames.owner("postbacks");
    private final AtomicInteger inFlight = new AtomicInteger();
    // the lease outlives the attempt's own timeout, so a slow receiver is never sent the same attempt twice
    private final ClaimLoop claims = new ClaimLoop("deliveries", () -> config.postback().concurrency() - inFlight.get(),
            free -> queue.claim(owner, free, lease()).map(due -> {
                due.forEach(this::deliver);
                return due.size();
            }));
    private RetrySchedule schedule;
    private final List<Long> timers = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    void start(@Observes StartupEvent event) {
        schedule = new RetrySchedule(config.postback().retryDelays(), config.postback().jitter());
        notifications.onDelivery(this::fill);
        timers.add(vertx.setPeriodic(Math.min(1000, config.jobs().pollInterval().toMillis()), id -> fill()));
        timers.add(vertx.setPeriodic(lease().toMillis() / 3, id -> rescue()));
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        timers.forEach(vertx::cancelTimer);
    }

    private Duration lease() {
        return config.postback().timeout().multipliedBy(2).plusSeconds(30);
    }

    /** Deliveries whose replica stopped while posting them are due again once their lease ran out. */
    private void rescue() {
        queue.rescue(null).subscribe().with(requeued -> {
            if (requeued > 0) {
                LOG.infof("re-queued %d postbacks whose replica stopped", requeued);
            }
        }, failure -> LOG.warnf("postback rescue failed: %s", failure.getMessage()));
    }

    void fill() {
        if (!stopped) {
            claims.wake();
        }
    }

    private void deliver(DeliveryQueue.Due due) {
        inFlight.incrementAndGet();
        queue.load(due.jobId())
                .chain(postback -> sender.send(postback))
                .chain(outcome -> {
                    Duration retryIn = schedule.after(due.attempt()).orElse(null);
                    log(due, outcome, retryIn);
                    metrics.postback(outcome.recorded().sql());
                    return queue.record(due, owner, outcome, retryIn);
                })
                // the ZIP could not be read: the postback waits for the blob store, its attempt not counted
                .onFailure(BlobStoreUnavailableException::isCause).recoverWithUni(failure -> {
                    LOG.warnf("postback of job %s waits for the blob store, trying again in %s: %s", due.jobId(),
                            storage.unavailableRetry(), failure.getMessage());
                    return queue.postpone(due, owner, storage.unavailableRetry()).replaceWithVoid();
                })
                .onTermination().invoke(() -> {
                    inFlight.decrementAndGet();
                    fill();
                })
                .subscribe().with(ignored -> { },
                        failure -> LOG.errorf(failure, "delivery of job %s could not be recorded; it will be retried",
                                due.jobId()));
    }

    private static void log(DeliveryQueue.Due due, PostbackSender.Outcome outcome, Duration retryIn) {
        if (outcome.delivered()) {
            LOG.infof("job %s delivered (attempt %d, %d ms)", due.jobId(), due.attempt(), outcome.durationMs());
        } else {
            LOG.infof("job %s postback attempt %d failed: %s; %s", due.jobId(), due.attempt(), outcome.error(),
                    outcome.gone() ? "stopping (410)" : retryIn == null ? "giving up" : "retrying in " + retryIn);
        }
    }

}
