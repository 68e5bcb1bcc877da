package com.imagecogni.job;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.pipeline.decode.DecodeMemory;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The heap this replica's image workers may fill, held by the jobs it claimed: a replica claims only the jobs whose
 * need (recorded at intake from their sources' headers; a source named by URL at the limits, until it is fetched) fits
 * beside those it runs, so a small heap runs large images one after another instead of running out of memory, and no
 * job waits holding its lease and bytes; a job that needs more than the whole budget runs when nothing else does.
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

    private final AtomicLong inUse = new AtomicLong();
    private long capacity;

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

    /**
     * Heap a job needs: all its source bytes (loaded together) plus its largest source decoded.
     *
     * @param sources each source's stored size in bytes and its decoded pixels (from {@link DecodeMemory})
     */
    static long need(List<SourceNeed> sources) {
        long bytes = 0;
        long largest = 0;
        for (SourceNeed source : sources) {
            bytes = Math.addExact(bytes, source.bytes());
            largest = Math.max(largest, Math.multiplyExact(source.pixels(), BYTES_PER_PIXEL));
        }
        return Math.addExact(bytes, largest);
    }

    /** One source as admission weighs it. */
    record SourceNeed(long bytes, long pixels) {

        /**
         * A source whose size is not known yet (named by URL, not fetched): planned at the most it may be, {@code
         * imagecogni.limits.max-request-bytes} and {@code imagecogni.limits.max-pixels}.
         */
        static SourceNeed unknown(ImagecogniConfig.Limits limits) {
            return new SourceNeed(limits.maxRequestBytes(), limits.maxPixels());
        }
    }

    /** Bytes that jobs claimed now may need in all. */
    long free() {
        return Math.max(0, capacity - inUse.get());
    }

    /** Nothing holds heap: the next job runs whatever it needs. */
    boolean idle() {
        return inUse.get() == 0;
    }

    /**
     * Holds {@code bytes} at once if they fit beside what is held, or whatever they are when nothing is (as a claim
     * would); empty when they do not fit. Checked and taken in one step, so two callers cannot both squeeze in.
     */
    java.util.Optional<Lease> tryHold(long bytes) {
        long need = Math.min(bytes, capacity);
        while (true) {
            long now = inUse.get();
            if (now != 0 && now + need > capacity) {
                return java.util.Optional.empty();
            }
            if (inUse.compareAndSet(now, now + need)) {
                return java.util.Optional.of(release(need));
            }
        }
    }

    /** Holds {@code bytes} (at most the whole budget) for a claimed job until the lease is closed. */
    Lease hold(long bytes) {
        long need = Math.min(bytes, capacity);
        long now = inUse.addAndGet(need);
        LOG.debugf("holding %d MB of processing heap (%d of %d MB in use)", need >> 20, now >> 20, capacity >> 20);
        return release(need);
    }

    /** The lease of {@code need} bytes already added to what is in use. */
    private Lease release(long need) {
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                inUse.addAndGet(-need);
            }
        };
    }

    long inUse() {
        return inUse.get();
    }

    /** Heap held by a running job; closing gives it back (once, however often it is closed). */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
