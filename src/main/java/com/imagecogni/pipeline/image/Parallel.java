package com.imagecogni.pipeline.image;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounded data parallelism for pixel loops. One small JVM-wide pool of helper threads is shared by every job; the
 * calling thread always works too, so a call uses at most {@code 1 + helpers} threads and never waits for a chunk
 * nobody has started (unclaimed chunks are taken by the caller itself). With several workers busy the helpers are
 * simply shared, so the machine is never oversubscribed by more than {@code helpers} threads.
 *
 * <p>Default helpers: {@code max(1, availableProcessors / 2)}, overridable with the system property
 * {@code pipeline.threads} or {@link #setHelperThreads(int)} (0 = run everything on the calling thread).
 */
public final class Parallel {

    /** Work below this many "units" (pixels, roughly) runs on the calling thread: handing it over costs more. */
    static final long MIN_PARALLEL_WORK = 1 << 16;

    private static volatile int helpers = Integer.getInteger("pipeline.threads",
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    private static final AtomicReference<ThreadPoolExecutor> POOL = new AtomicReference<>();

    private Parallel() {
    }

    /** A loop body over the index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Sets the number of helper threads shared by all jobs in this JVM (0 = single-threaded). */
    public static synchronized void setHelperThreads(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("helper threads must be >= 0, got " + n);
        }
        helpers = n;
        ThreadPoolExecutor pool = POOL.get();
        if (pool != null && n > 0) {
            if (n > pool.getMaximumPoolSize()) {
                pool.setMaximumPoolSize(n);
                pool.setCorePoolSize(n);
            } else {
                pool.setCorePoolSize(n);
                pool.setMaximumPoolSize(n);
            }
        }
    }

    public static int helperThreads() {
        return helpers;
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into chunks. {@code workPerIndex} estimates the cost of one index
     * (e.g. pixels per row times taps) and decides whether splitting is worth it.
     */
    public static void forRange(int n, long workPerIndex, RangeBody body) {
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
        ExecutorService pool = pool(h);
        for (int i = 0; i < threads - 1; i++) {
            pool.execute(worker);
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
    public static <T> FutureTask<T> fork(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        int h = helpers;
        if (h > 0) {
            pool(h).execute(future);
        }
        return future;
    }

    /** The result of a {@link #fork}ed task, running it here if it has not started; its exception is rethrown as is. */
    public static <T> T join(FutureTask<T> future) {
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

    private static ExecutorService pool(int size) {
        ThreadPoolExecutor pool = POOL.get();
        if (pool != null) {
            return pool;
        }
        AtomicInteger ids = new AtomicInteger();
        ThreadPoolExecutor created = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "pipeline-pixels-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        created.allowCoreThreadTimeOut(true);
        if (POOL.compareAndSet(null, created)) {
            return created;
        }
        created.shutdown();
        return POOL.get();
    }
}
