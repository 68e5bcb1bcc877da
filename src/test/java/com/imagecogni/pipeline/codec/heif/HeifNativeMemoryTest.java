package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every libheif context, handle, image and encoder is released: decoding a 512x512 HEIC 1 000 times must not grow the
 * process's native memory. A leaked decoded image alone would be ~1 MB per call, ~1 GB in all.
 */
class HeifNativeMemoryTest {

    private static final int WARM_UP = 50;
    private static final int CALLS = 1_000;
    private static final long TOLERANCE = 40L << 20;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void decodingAThousandTimesDoesNotGrowNativeMemory() throws IOException {
        assumeTrue(Heif.decodesHevc() && HeifBinding.haveEncoderFor(HeifBinding.COMPRESSION_HEVC), "no libheif/x265");
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
        byte[] heic = HeifTestImages.heic(HeifTestImages.gradient(512, 512), 70);
        HeifDecoder decoder = new HeifDecoder(DecodeLimits.defaults());
        for (int i = 0; i < WARM_UP; i++) {
            decoder.decode(heic);
        }
        long rssBefore = rss();
        long heapBefore = heapCommitted();

        for (int i = 0; i < CALLS; i++) {
            assertEquals(512, decoder.decode(heic).image().getWidth());
        }

        // the Java heap may grow its committed size meanwhile; that is not native memory
        long growth = (rss() - rssBefore) - Math.max(0, heapCommitted() - heapBefore);
        assertTrue(growth < TOLERANCE, "native memory grew by " + (growth >> 20) + " MB over " + CALLS + " decodes");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void encodingManyTimesDoesNotGrowNativeMemory() throws IOException {
        assumeTrue(AvifEncoder.availableForEncode(), "no libheif/aom");
        var image = HeifTestImages.gradient(256, 256);
        var encoder = new AvifEncoder();
        EncodeOptions fast = new EncodeOptions(60, false, false, false, 0, false);
        for (int i = 0; i < 20; i++) {
            encoder.encode(image, fast, HeifTestMetadata.sample());
        }
        long rssBefore = rss();
        long heapBefore = heapCommitted();

        for (int i = 0; i < 200; i++) {
            encoder.encode(image, fast, HeifTestMetadata.sample());
        }

        long growth = (rss() - rssBefore) - Math.max(0, heapCommitted() - heapBefore);
        assertTrue(growth < TOLERANCE, "native memory grew by " + (growth >> 20) + " MB over 200 encodes");
    }

    private static long heapCommitted() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
