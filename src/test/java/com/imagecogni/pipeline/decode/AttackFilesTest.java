package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12's three attack files: each is refused by the header parse (probe, which decodes nothing) with a reason and
 * a message that says what is wrong, and decoding it allocates next to nothing.
 */
class AttackFilesTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final SourceDecoder DECODER = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel());
    /** Far below what any of the bombs asks for (256 MB to 1.6 GB), far above what reading a header costs. */
    private static final long ALLOCATION_CEILING = 4L << 20;

    @ParameterizedTest
    @ValueSource(ints = {8000, 16383})
    void webpWithTwoImageChunksIsRefusedByTheHeader(int firstSize) {
        byte[] webp = AttackFiles.webpTwoFrames(firstSize);
        assertEquals(48, webp.length);
        InputRejectedException e = refusedByHeader(webp);
        assertEquals(FailureReason.CORRUPT_IMAGE, e.reason());
        assertTrue(e.getMessage().contains("after its image chunk"), e.getMessage());
        decodingAllocatesLittle(webp, FailureReason.CORRUPT_IMAGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void bmpWithAnEmbeddedImageIsRefusedByTheHeader(int compression) {
        byte[] bmp = AttackFiles.bmpEmbedded(compression);
        assertEquals(58, bmp.length);
        InputRejectedException e = refusedByHeader(bmp);
        assertEquals(FailureReason.UNSUPPORTED_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("embedded JPEG or PNG"), e.getMessage());
        decodingAllocatesLittle(bmp, FailureReason.UNSUPPORTED_FORMAT);
    }

    @Test
    void tiffWithHugeTilesIsRefusedByTheHeader() {
        byte[] tiff = AttackFiles.tiffHugeTiles();
        assertEquals(145, tiff.length);
        InputRejectedException e = refusedByHeader(tiff);
        assertEquals(FailureReason.CORRUPT_IMAGE, e.reason());
        assertTrue(e.getMessage().contains("40000x40000"), e.getMessage());
        decodingAllocatesLittle(tiff, FailureReason.CORRUPT_IMAGE);
    }

    private static InputRejectedException refusedByHeader(byte[] bytes) {
        return assertThrows(InputRejectedException.class, () -> DECODER.probe(bytes),
                "the header parse must refuse it: probe decodes nothing");
    }

    /** Bytes this thread allocates while the decoder refuses the file: a bomb that reached the decoder shows here. */
    private static void decodingAllocatesLittle(byte[] bytes, FailureReason expected) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DECODER.decode(TestImages.encode(TestImages.gradient(2, 2), "png")); // loads the decoder classes first
        long before = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> DECODER.decode(bytes));
        long micros = (System.nanoTime() - start) / 1000;
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(expected, e.reason());
        assertTrue(allocated < ALLOCATION_CEILING, "refusing it allocated " + allocated + " bytes");
        System.out.printf("AttackFilesTest: %d-byte %s refused in %d us (first call), median %.1f us over %d calls,"
                + " %d bytes allocated: %s%n", bytes.length, FormatSniffer.detect(bytes).orElseThrow(), micros,
                medianMicros(bytes), TIMED_CALLS, allocated, e.getMessage());
    }

    private static final int TIMED_CALLS = 1000;

    /** Median time of a refusal once the code is warm: what each further copy of the bomb costs a worker. */
    private static double medianMicros(byte[] bytes) {
        long[] nanos = new long[TIMED_CALLS];
        for (int i = 0; i < TIMED_CALLS; i++) {
            long start = System.nanoTime();
            try {
                DECODER.decode(bytes);
            } catch (InputRejectedException expected) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        java.util.Arrays.sort(nanos);
        return nanos[TIMED_CALLS / 2] / 1000.0;
    }
}
