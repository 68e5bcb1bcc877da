package com.imagecogni.job;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.imagecogni.queue.QueueNotifications;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Requests waiting for a job's processing to end ({@code Prefer: wait=N}), woken by the job-done NOTIFY (V13) that
 * the database sends when any replica stores the job's outcome. A waiter is a future in a map: no thread and no
 * database connection is held while it waits, and it is removed when it is woken, times out or its client leaves.
 */
@ApplicationScoped
public class JobCompletions {

    private final ConcurrentHashMap<UUID, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    @Inject
    QueueNotifications notifications;

    void listen(@Observes StartupEvent event) {
        notifications.onJobDone(this::ended);
    }

    /**
     * True when the job's processing ends within {@code timeout}. {@code endedAlready} is asked once, after the waiter
     * is registered, so a job that ended before it (a small image on an idle replica) is not waited for in vain.
     */
    public Uni<Boolean> await(UUID jobId, Duration timeout, Uni<Boolean> endedAlready) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> signal = new CompletableFuture<>();
            waiting.compute(jobId, (id, set) -> {
                Set<CompletableFuture<Void>> waiters = set == null ? ConcurrentHashMap.newKeySet() : set;
                waiters.add(signal);
                return waiters;
            });
            return endedAlready.chain(ended -> ended ? Uni.createFrom().item(true)
                    : Uni.createFrom().completionStage(signal).replaceWith(true).ifNoItem().after(timeout)
                            .recoverWithItem(false))
                    // on every way out, cancellation by a client that went away included
                    .onTermination().invoke(() -> forget(jobId, signal));
        });
    }

    /** Requests waiting right now (the disconnect test and the metrics read it). */
    public int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    private void ended(String payload) {
        UUID jobId;
        try {
            jobId = UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            return; // not ours: the channel only carries job ids
        }
        Set<CompletableFuture<Void>> waiters = waiting.remove(jobId);
        if (waiters != null) {
            waiters.forEach(signal -> signal.complete(null));
        }
    }

    private void forget(UUID jobId, CompletableFuture<Void> signal) {
        waiting.computeIfPresent(jobId, (id, set) -> {
            set.remove(signal);
            return set.isEmpty() ? null : set;
        });
    }
}
