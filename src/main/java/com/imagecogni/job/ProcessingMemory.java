package com.imagecogni.job;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodeMemory;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Admits jobs to the image workers by the heap their largest source needs once decoded (read from
 * its header), so a replica with a small heap runs large images one after another instead of
 * running out of memory; one job always runs, however large.
 */
@ApplicationScoped
public class ProcessingMemory {

    private static final Logger LOG = Logger.getLogger(ProcessingMemory.class);

    /**
     * Peak heap per source pixel while one source is decoded, resampled and encoded: the compressed
     * bytes, the decoded raster, its first reduced level and the outputs. Measured: the SPEC example
     * on a 16 MP photo runs out of heap at -Xmx160m and succeeds at -Xmx256m.
     */
    static final long BYTES_PER_PIXEL = 14;

    @Inject
    ImagecogniConfig config;

    /** Guards {@code inUse}; waiting jobs wake on {@code released} when a running one gives its heap back. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long capacity;
    private long inUse;

    @PostConstruct
    void init() {
        capacity = config.limits().processingHeapBytes().orElse(Runtime.getRuntime().maxMemory() / 10 * 6);
    }

    /** For tests: a budget of {@code capacity} bytes without the container. */
    static ProcessingMemory withCapacity(long capacity) {
        ProcessingMemory memory = new ProcessingMemory();
        memory.capacity = capacity;
        return memory;
    }

    /** Heap a job needs: all its source bytes (loaded together) plus its largest source decoded. */
    static long estimate(List<byte[]> sources, DecodeLimits limits) {
        long bytes = 0;
        long largest = 0;
        for (byte[] source : sources) {
            bytes += source.length;
            largest = Math.max(largest, DecodeMemory.pixels(source, limits) * BYTES_PER_PIXEL);
        }
        return bytes + largest;
    }

    /** Waits until {@code bytes} fit beside the jobs running now (or nothing else runs), then holds them. */
    Lease acquire(long bytes) throws InterruptedException {
        long need = Math.min(bytes, capacity);
        lock.lockInterruptibly();
        try {
            if (inUse > 0 && inUse + need > capacity) {
                LOG.debugf("waiting for %d MB of processing heap (%d of %d MB in use)", need >> 20, inUse >> 20, capacity >> 20);
            }
            while (inUse > 0 && inUse + need > capacity) {
                released.await();
            }
            inUse += need;
            LOG.debugf("admitted with %d MB of processing heap (%d of %d MB in use)", need >> 20, inUse >> 20, capacity >> 20);
        } finally {
            lock.unlock();
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                release(need);
            }
        };
    }

    private void release(long bytes) {
        lock.lock();
        try {
            inUse -= bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    /** Heap held by a running job; closing gives it back (once, however often it is closed). */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
