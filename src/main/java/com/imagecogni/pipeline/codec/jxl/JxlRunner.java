package com.imagecogni.pipeline.codec.jxl;

import java.lang.foreign.MemorySegment;

/**
 * A libjxl_threads resizable thread pool for one decode or encode (a pool serves one caller at a time, so each call
 * gets its own); without libjxl_threads it is absent and libjxl works on the calling thread.
 */
final class JxlRunner implements AutoCloseable {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final MemorySegment runner;

    private JxlRunner(MemorySegment runner) {
        this.runner = runner;
    }

    /** A pool with no threads yet (work runs on the caller until {@link #size}); absent without libjxl_threads. */
    static JxlRunner create() throws Throwable {
        if (!Jxl.threadsAvailable()) {
            return new JxlRunner(MemorySegment.NULL);
        }
        MemorySegment runner = (MemorySegment) Jxl.RUNNER_CREATE.invokeExact(MemorySegment.NULL);
        if (runner.equals(MemorySegment.NULL)) {
            throw new JxlFailure("JxlResizableParallelRunnerCreate failed");
        }
        return new JxlRunner(runner);
    }

    boolean present() {
        return !runner.equals(MemorySegment.NULL);
    }

    /** The opaque runner argument of Jxl*SetParallelRunner. */
    MemorySegment opaque() {
        return runner;
    }

    /** libjxl's suggestion for the image size (one thread per ~256x256 group), capped at the cores we have. */
    void size(long width, long height) throws Throwable {
        if (present()) {
            int suggested = (int) Jxl.RUNNER_SUGGEST_THREADS.invokeExact(width, height);
            Jxl.RUNNER_SET_THREADS.invokeExact(runner, (long) Math.max(1, Math.min(CORES, suggested)));
        }
    }

    @Override
    public void close() {
        if (present()) {
            try {
                Jxl.RUNNER_DESTROY.invokeExact(runner);
            } catch (Throwable t) {
                throw new IllegalStateException("JxlResizableParallelRunnerDestroy failed", t);
            }
        }
    }
}
