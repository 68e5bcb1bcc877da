package com.imagecogni.pipeline.codec.jxl;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.support.NativeMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native memory does not grow over many encode/decode cycles: every JxlEncoder, JxlDecoder and thread pool is
 * destroyed, refused files included. Measured as glibc's count of bytes in use by malloc (mallinfo2), which libjxl
 * and the Arenas allocate from and which the Java heap does not touch.
 */
class JxlNativeMemoryTest {

    private static final int WARM_UP = 100; // libjxl and the JIT settle their own allocations first
    private static final int CYCLES = 300;
    /** The JVM mallocs a little on its own (JIT, symbols); 300 cycles leaking 56 kB each (a leaked decoded image is 256 kB) would exceed this. */
    private static final long MALLOC_TOLERANCE = 16L * 1024 * 1024;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void threeHundredCyclesDoNotGrowMalloc() {
        assertTrue(Jxl.available(), Jxl.problems().toString());
        BufferedImage image = JxlTools.translucent(256, 256);
        EncodeOptions fast = new EncodeOptions(85, false, true, false, 0, false); // effort 1: the cycle count matters
        JxlEncoder encoder = new JxlEncoder();
        JxlDecoder decoder = new JxlDecoder(DecodeLimits.defaults());
        JxlDecoder tooSmall = new JxlDecoder(DecodeLimits.of(100));
        byte[] damaged = encoder.encode(image, fast);
        damaged = java.util.Arrays.copyOf(damaged, damaged.length / 2);
        for (int i = 0; i < WARM_UP; i++) {
            cycle(encoder, decoder, tooSmall, image, fast, damaged);
        }
        System.gc();
        long before = NativeMemory.residentBytes() >> 10;
        long mallocBefore = NativeMemory.settledMallocInUse();
        long start = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            cycle(encoder, decoder, tooSmall, image, fast, damaged);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        long mallocAfter = NativeMemory.settledMallocInUse();
        System.gc();
        long after = NativeMemory.residentBytes() >> 10;
        System.out.printf("libjxl %d encode+decode cycles of 256x256 RGBA: %d s, VmRSS %d -> %d kB (%+d kB), malloc"
                + " in use %d -> %d kB%n", CYCLES, seconds, before, after, after - before, mallocBefore / 1024,
                mallocAfter / 1024);
        assertTrue(mallocAfter - mallocBefore < MALLOC_TOLERANCE, "malloc'd memory grew by "
                + (mallocAfter - mallocBefore) + " bytes over " + CYCLES + " cycles");
    }

    private static void cycle(JxlEncoder encoder, JxlDecoder decoder, JxlDecoder tooSmall, BufferedImage image,
            EncodeOptions options, byte[] damaged) {
        byte[] jxl = encoder.encode(image, options);
        assertEquals(256, decoder.decode(jxl).image().getWidth());
        assertThrows(RuntimeException.class, () -> tooSmall.decode(jxl));
        assertThrows(RuntimeException.class, () -> decoder.decode(damaged));
    }
}
