package com.imagecogni.pipeline.bench;

import com.imagecogni.pipeline.StepTimings;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sums the pipeline's own per-step timings ({@link StepTimings}, helper threads included) over one iteration: the
 * timings listener of the benchmark's runtime.
 */
final class StepTotals implements StepTimings {

    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

    @Override
    public void record(String step, long n) {
        nanos.computeIfAbsent(step, k -> new LongAdder()).add(n);
    }

    /** Forgets what was recorded so far (warm-up iterations). */
    void clear() {
        nanos.clear();
    }

    /** Adds this iteration's sum per step to {@code samples} as {@code "step <name>"}, then starts over. */
    void drainInto(Samples samples) {
        new TreeMap<>(nanos).forEach((step, sum) -> samples.add("step " + step + " (sum)", sum.sum()));
        nanos.clear();
    }
}
