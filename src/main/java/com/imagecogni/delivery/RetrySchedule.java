package com.imagecogni.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter for postbacks: the wait after the n-th failed attempt, or none when done. */
public record RetrySchedule(List<Duration> delays, double jitter) {

    /** The wait before attempt {@code failedAttempts + 1}, or empty when the schedule is exhausted. */
    public Optional<Duration> after(int failedAttempts) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempts - 1);
        double factor = 1 + (jitter <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter));
        return Optional.of(Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor))));
    }

    /** Attempts in all: the first one plus one per delay. */
    public int attempts() {
        return delays.size() + 1;
    }
}
