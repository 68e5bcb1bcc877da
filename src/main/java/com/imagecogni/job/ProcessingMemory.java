package com.imagecogni.job;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.FormatSniffer;
import com.imagecogni.pipeline.decode.HeaderReader;
import com.imagecogni.pipeline.decode.HeifItemReferences;
import com.imagecogni.pipeline.decode.ImageHeader;
import com.imagecogni.pipeline.model.ImageFormat;

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
            largest = Math.max(largest, decodedBytes(source, limits));
        }
        return bytes + largest;
    }

    private static long decodedBytes(byte[] source, DecodeLimits limits) {
        Optional<ImageFormat> format = FormatSniffer.detect(source);
        if (format.isEmpty()) {
            return 0;
        }
        try {
            long pixels;
            if (format.get() == ImageFormat.HEIC || format.get() == ImageFormat.AVIF) {
                // libheif parses HEIF headers, and native code runs only inside the decoder's crash record
                pixels = HeifItemReferences.largestImagePixels(source);
            } else if (format.get() == ImageFormat.JXL) {
                // JPEG XL's size is bit-packed and read by libjxl only, in the crash record: plan for the largest
                pixels = limits.maxPixels();
            } else {
                ImageHeader header = HeaderReader.read(format.get(), source, limits);
                // an animated WebP or GIF may be decoded with all its frames (when an output can animate); a TIFF is
                // read as its first page only
                boolean allFrames = header.format() == ImageFormat.WEBP || header.format() == ImageFormat.GIF;
                pixels = allFrames ? header.totalPixels() : (long) header.width() * header.height();
            }
            // over the pixel limit the decoder refuses it before allocating anything
            return pixels > limits.maxPixels() ? 0 : pixels * BYTES_PER_PIXEL;
        } catch (RuntimeException e) {
            // the decoder will refuse it with a reason; it costs no raster
            return 0;
        }
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
