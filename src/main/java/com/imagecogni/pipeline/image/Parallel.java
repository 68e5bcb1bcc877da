package com.imagecogni.pipeline.image;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounded data parallelism for pixel loops, over one small pool of helper threads per instance. The application makes
 * one instance (inside its {@code PipelineRuntime}) and every job run on that runtime shares it; tests and tools make
 * their own, so nothing is shared between runtimes. The calling thread always works too, so a call uses at most
 * {@code 1 + helpers} threads and never waits for a chunk nobody has started (unclaimed chunks are taken by the caller
 * itself). With several workers busy the helpers are simply shared, so the machine is never oversubscribed by more than
 * {@code helpers} threads.
 *
 * <p>The helper count is fixed per instance (0 = run everything on the calling thread); the application's default is
 * {@link #defaultHelperThreads()}. The pool's threads are daemons that end after 30 s idle; {@link #close()} stops them
 * at once.
 */
public final class Parallel implements AutoCloseable {

    /** Work below this many "units" (pixels, roughly) runs on the calling thread: handing it over costs more. */
    static final long MIN_PARALLEL_WORK = 1 << 16;

    /**
     * No helpers, no pool: everything on the calling thread. Immutable and owns no thread, so one instance can be
     * shared; for code that only ever meets work too small or already done (see {@link Images#normalise(java.awt.image.BufferedImage)}).
     */
    public static final Parallel SEQUENTIAL = new Parallel(0);

    private final int helpers;
    /** Null when {@code helpers} is 0. Its threads start on first use and time out when idle. */
    private final ThreadPoolExecutor pool;

    /** @param helpers threads besides the caller that work on one call (0 = single-threaded) */
    public Parallel(int helpers) {
        this(helpers, () -> { });
    }

    /** @param threadStart run first on each helper thread (the service lowers their OS priority there) */
    public Parallel(int helpers, Runnable threadStart) {
        if (helpers < 0) {
            throw new IllegalArgumentException("helper threads must be >= 0, got " + helpers);
        }
        this.helpers = helpers;
        this.pool = helpers == 0 ? null : newPool(helpers, threadStart);
    }

    /**
     * {@code max(1, availableProcessors / 2)}, or the system property {@code pipeline.threads} when set: the helper
     * count of standalone runtimes (tools, tests, benchmarks).
     */
    public static int defaultHelperThreads() {
        return Integer.getInteger("pipeline.threads", Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** A loop body over the index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    public int helperThreads() {
        return helpers;
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into chunks. {@code workPerIndex} estimates the cost of one index
     * (e.g. pixels per row times taps) and decides whether splitting is worth it.
     */
    public void forRange(int n, long workPerIndex, RangeBody body) {
        int h = helpers;
        if (n <= 1 || h == 0 || n * Math.max(1, workPerIndex) < MIN_PARALLEL_WORK) {
            body.run(0, n);
            return;
        }
        int threads = Math.min(h + 1, n);
        int chunks = Math.min(n, threads * 4);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    if (failure.get() == null) {
                        body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        try {
            for (int i = 0; i < threads - 1; i++) {
                pool.execute(worker);
            }
        } catch (RejectedExecutionException closed) {
            // closed while a job still runs (application stopping): the caller takes the chunks nobody started
        }
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the chunks in flight write into our arrays: wait for them regardless
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Starts {@code task} on a helper thread if one is free. The caller must finish it with {@link #join}, which runs
     * it on the calling thread when no helper has started it yet, so nothing ever waits for an idle queue.
     */
    public <T> FutureTask<T> fork(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        if (pool != null) {
            try {
                pool.execute(future);
            } catch (RejectedExecutionException closed) {
                // closed while a job still runs: join runs it on the calling thread
            }
        }
        return future;
    }

    /** The result of a {@link #fork}ed task, running it here if it has not started; its exception is rethrown as is. */
    public <T> T join(FutureTask<T> future) {
        future.run(); // no-op when a helper has started or finished it
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops the helper threads once the work handed to them is done. Calls after it still work, on the calling thread
     * alone, so a job still running while the application stops finishes instead of failing.
     */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    private static ThreadPoolExecutor newPool(int size, Runnable threadStart) {
        AtomicInteger ids = new AtomicInteger();
        ThreadPoolExecutor created = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(() -> {
                        threadStart.run();
                        r.run();
                    }, "pipeline-pixels-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        created.allowCoreThreadTimeOut(true);
        return created;
    }
}
