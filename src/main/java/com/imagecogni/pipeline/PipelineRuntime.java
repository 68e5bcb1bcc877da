package com.imagecogni.pipeline;

import com.imagecogni.pipeline.image.Parallel;
import com.imagecogni.pipeline.image.Resampler;

/**
 * What the jobs run on one pipeline share, in one object handed to them instead of JVM-wide statics, so two runtimes
 * (the service's and a test's, or two tests run concurrently) share no thread, cache or listener.
 *
 * <ul>
 * <li>{@link #parallel()}: the helper threads of the pixel loops' row bands and of the encodes {@link Pipeline} forks
 * while the next rendition is computed; every job on the runtime shares them, so the machine is never oversubscribed by
 * more than their count.</li>
 * <li>{@link #resampler()}: the Lanczos resampler on those helpers, with the pyramid levels it keeps per source image.</li>
 * <li>{@link #timings()}: where each step's duration goes (the service's {@code imagecogni.operation} timer).</li>
 * </ul>
 *
 * <p>How it reaches the code that needs it: {@link JobRenderer}, {@link SourceProcessor} and {@link Pipeline} take it in
 * their constructors; the pipeline hands it to {@code Operations.create}, which gives it to the operations that do
 * parallel pixel work (resize, filter, watermark), and the decoder gets its {@link Parallel}. Lower layers
 * ({@code image}, {@code filter}, {@code decode}) take only the {@link Parallel} or {@link Resampler} they use, never
 * the runtime, so they stay free of the pipeline package. There is no implicit context (no static, thread-local or
 * scoped value): whoever builds a pipeline says which runtime it runs on.
 *
 * <p>The service makes one at start (sized by {@code pipeline.threads}, timings into its metrics) and closes it on
 * stop; tools, tests and benchmarks make their own with {@link #standalone()}.
 */
public final class PipelineRuntime implements AutoCloseable {

    private final Parallel parallel;
    private final Resampler resampler;
    private final StepTimings timings;

    /**
     * @param helperThreads pixel and encode helper threads besides each job's own (0 = everything on the job's thread)
     * @param timings hears every step's duration, from the job's thread and from the helpers
     */
    public PipelineRuntime(int helperThreads, StepTimings timings) {
        this(helperThreads, timings, () -> { });
    }

    /** @param helperThreadStart run first on each helper thread (the service lowers their OS priority there) */
    public PipelineRuntime(int helperThreads, StepTimings timings, Runnable helperThreadStart) {
        this.parallel = new Parallel(helperThreads, helperThreadStart);
        this.resampler = new Resampler(parallel);
        this.timings = timings;
    }

    /** A runtime of its own with {@link Parallel#defaultHelperThreads()} helpers and no timings listener. */
    public static PipelineRuntime standalone() {
        return new PipelineRuntime(Parallel.defaultHelperThreads(), StepTimings.NONE);
    }

    public Parallel parallel() {
        return parallel;
    }

    public Resampler resampler() {
        return resampler;
    }

    public StepTimings timings() {
        return timings;
    }

    public int helperThreads() {
        return parallel.helperThreads();
    }

    /** Stops the helper threads; a job still running then finishes on its own thread (see {@link Parallel#close()}). */
    @Override
    public void close() {
        parallel.close();
    }
}
