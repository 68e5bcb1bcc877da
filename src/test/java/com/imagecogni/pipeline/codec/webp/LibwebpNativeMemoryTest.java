package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.support.NativeMemory;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native memory does not grow over many encode/decode cycles: every WebPPicture, memory writer and decode buffer is
 * released. Measured as glibc's count of bytes in use by malloc (mallinfo2), which libwebp and the Arenas allocate
 * from and which the Java heap does not touch, so even a leak of a few kB per cycle shows; the resident set, which the
 * heap moves both ways in a shared test JVM, is printed beside it.
 */
class LibwebpNativeMemoryTest {

    private static final int WARM_UP = 50;
    private static final int CYCLES = 1_000;
    /**
     * The JVM and other libraries in the same test JVM malloc on their own (JIT, thread arenas): 16 MB, as for the
     * other codecs; a leak of 16 kB per cycle, or any decoded image, exceeds it.
     */
    private static final long MALLOC_TOLERANCE = 16L * 1024 * 1024;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thousandCyclesDoNotGrowTheResidentSet() throws IOException {
        assertTrue(Libwebp.available(), Libwebp.problems().toString());
        BufferedImage image = WebpTools.photo(408, 306); // 0.125 MP: small, so the cycles are many; a leaked image is still 500 kB
        EncodeOptions fast = new EncodeOptions(75, false, true, false, 0, false); // method 0: the cycle count matters
        LibwebpEncoder encoder = new LibwebpEncoder();
        LibwebpDecoder decoder = new LibwebpDecoder(DecodeLimits.defaults());
        for (int i = 0; i < WARM_UP; i++) {
            assertEquals(408, decoder.decode(encoder.encode(image, fast)).getWidth());
        }
        System.gc();
        long before = NativeMemory.residentBytes() >> 10;
        long mallocBefore = NativeMemory.settledMallocInUse();
        long start = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            assertEquals(306, decoder.decode(encoder.encode(image, fast)).getHeight());
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        long mallocAfter = NativeMemory.settledMallocInUse();
        System.gc();
        long after = NativeMemory.residentBytes() >> 10;
        System.out.printf("libwebp %d encode+decode cycles of 408x306: %d s, VmRSS %d -> %d kB (%+d kB), malloc in"
                + " use %d -> %d kB%n", CYCLES, seconds, before, after, after - before, mallocBefore / 1024,
                mallocAfter / 1024);
        assertTrue(mallocAfter - mallocBefore < MALLOC_TOLERANCE, "malloc'd memory grew by "
                + (mallocAfter - mallocBefore) + " bytes over " + CYCLES + " cycles");
    }
}
