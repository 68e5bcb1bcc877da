package com.imagecogni.pipeline;

import java.time.Duration;

/**
 * The moment a job's time budget runs out, checked by the pipeline between steps and renditions, so a worker stops
 * on its own instead of running until the heap or the lease gives out.
 */
public final class Deadline {

    private static final Deadline NONE = new Deadline(Long.MAX_VALUE, true);

    private final long nanoTime;
    private final boolean unbounded;

    private Deadline(long nanoTime, boolean unbounded) {
        this.nanoTime = nanoTime;
        this.unbounded = unbounded;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), false);
    }

    /** No time limit (command-line tools, benchmarks). */
    public static Deadline none() {
        return NONE;
    }

    public boolean passed() {
        // compare differences, not values: nanoTime may wrap
        return !unbounded && System.nanoTime() - nanoTime >= 0;
    }

    /** Time left before the deadline (zero once it passed; the longest Duration when there is none). */
    public Duration remaining() {
        if (unbounded) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
        return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    }

    /** @throws ProcessingFailedException with {@code time_limit_exceeded} once the deadline has passed */
    public void check() {
        if (passed()) {
            throw new ProcessingFailedException(FailureReason.TIME_LIMIT_EXCEEDED,
                    "the job reached its time limit while this source was being processed");
        }
    }
}
