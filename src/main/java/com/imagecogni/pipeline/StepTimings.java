package com.imagecogni.pipeline;

/**
 * Where the pipeline reports how long each step took (an operation producing one image, or an
 * encoder writing one), without knowing who listens: the service turns these into metrics.
 */
public final class StepTimings {

    /** Receives one timing: the step's name ({@code resize}, {@code encode:webp}, …) and nanoseconds. */
    @FunctionalInterface
    public interface Listener {
        void record(String step, long nanos);
    }

    private static volatile Listener listener = (step, nanos) -> { };

    private StepTimings() {
    }

    public static void listen(Listener newListener) {
        listener = newListener;
    }

    static void record(String step, long nanos) {
        listener.record(step, nanos);
    }
}
