package com.imagecogni.pipeline;

/**
 * Where the pipeline reports how long each step took (an operation producing one image, or an encoder writing one),
 * without knowing who listens: the service turns these into metrics. One per {@link PipelineRuntime}, so two runtimes
 * never hear each other's steps.
 */
@FunctionalInterface
public interface StepTimings {

    /** Hears nothing: for runtimes nobody measures (tools, most tests). */
    StepTimings NONE = (step, nanos) -> { };

    /**
     * One timing: the step's name ({@code resize}, {@code encode:webp}, …) and nanoseconds. Called from the job's
     * thread and from the runtime's helper threads (encodes), so it must be thread-safe.
     */
    void record(String step, long nanos);
}
