package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native memory does not grow over many encode/decode cycles: every WebPPicture, memory writer and decode buffer is
 * released. Two measures: the resident set (what the brief of the service cares about; the Java heap moves it both
 * ways, so it only catches large leaks: one 0.5 MP buffer per cycle would be 2 GB), and glibc's count of bytes in
 * use by malloc (mallinfo2), which libwebp and the Arenas allocate from and which the Java heap does not touch, so
 * even a leak of a few kB per cycle shows.
 */
class LibwebpNativeMemoryTest {

    private static final int WARM_UP = 50;
    private static final int CYCLES = 1_000;
    private static final long TOLERANCE_KB = 40 * 1024;
    /** The JVM mallocs a little on its own (JIT, symbols); 1000 cycles leaking even 4 kB each would exceed this. */
    private static final long MALLOC_TOLERANCE = 4L * 1024 * 1024;
    /** glibc's struct mallinfo2: ten size_t fields; uordblks (7) is in use in the heaps, hblkhd (4) in mmapped blocks. */
    private static final StructLayout MALLINFO2 = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(10, ValueLayout.JAVA_LONG));
    private static final MethodHandle MALLINFO = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("mallinfo2").orElseThrow(), FunctionDescriptor.of(MALLINFO2));

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thousandCyclesDoNotGrowTheResidentSet() throws IOException {
        assertTrue(Libwebp.available(), Libwebp.problems().toString());
        BufferedImage image = WebpTools.photo(816, 612); // 0.5 MP
        EncodeOptions fast = new EncodeOptions(75, false, true, false, 0, false); // method 0: the cycle count matters
        LibwebpEncoder encoder = new LibwebpEncoder();
        LibwebpDecoder decoder = new LibwebpDecoder(DecodeLimits.defaults());
        for (int i = 0; i < WARM_UP; i++) {
            assertEquals(816, decoder.decode(encoder.encode(image, fast)).getWidth());
        }
        System.gc();
        long before = residentKb();
        long mallocBefore = mallocInUse();
        long start = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            assertEquals(612, decoder.decode(encoder.encode(image, fast)).getHeight());
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        long mallocAfter = mallocInUse();
        System.gc();
        long after = residentKb();
        System.out.printf("libwebp %d encode+decode cycles of 816x612: %d s, VmRSS %d -> %d kB (%+d kB), malloc in"
                + " use %d -> %d kB%n", CYCLES, seconds, before, after, after - before, mallocBefore / 1024,
                mallocAfter / 1024);
        assertTrue(mallocAfter - mallocBefore < MALLOC_TOLERANCE, "malloc'd memory grew by "
                + (mallocAfter - mallocBefore) + " bytes over " + CYCLES + " cycles");
        assertTrue(after - before < TOLERANCE_KB, "VmRSS grew by " + (after - before) + " kB over " + CYCLES
                + " cycles");
    }

    /** Bytes malloc has handed out and not had back, over all arenas and mmapped blocks. */
    private static long mallocInUse() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = (MemorySegment) MALLINFO.invokeExact((SegmentAllocator) arena);
            return info.getAtIndex(ValueLayout.JAVA_LONG, 4) + info.getAtIndex(ValueLayout.JAVA_LONG, 7);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
