package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.support.NativeMemory;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every libheif context, handle, image and encoder is released: decoding a 256x256 HEIC 1 000 times must not grow the
 * process's native memory (glibc's malloc count, see {@link NativeMemory}). A leaked decoded image alone would be
 * ~256 kB per call, ~256 MB in all.
 */
class HeifNativeMemoryTest {

    private static final int WARM_UP = 50;
    private static final int CALLS = 1_000;
    private static final long TOLERANCE = 16L << 20;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void decodingAThousandTimesDoesNotGrowNativeMemory() throws IOException {
        assumeTrue(Heif.decodesHevc() && HeifBinding.haveEncoderFor(HeifBinding.COMPRESSION_HEVC), "no libheif/x265");
        byte[] heic = HeifTestImages.heic(HeifTestImages.gradient(256, 256), 70);
        HeifDecoder decoder = new HeifDecoder(DecodeLimits.defaults());
        for (int i = 0; i < WARM_UP; i++) {
            decoder.decode(heic);
        }
        long before = NativeMemory.settledMallocInUse();

        for (int i = 0; i < CALLS; i++) {
            assertEquals(256, decoder.decode(heic).image().getWidth());
        }

        long growth = NativeMemory.settledMallocInUse() - before;
        assertTrue(growth < TOLERANCE, "native memory grew by " + (growth >> 20) + " MB over " + CALLS + " decodes");
    }

    /** The error paths release what they took too: damaged files are most of what a fuzzer or an attacker sends. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void refusingDamagedFilesDoesNotGrowNativeMemory() {
        assumeTrue(Heif.decodesHevc() && HeifBinding.haveEncoderFor(HeifBinding.COMPRESSION_HEVC), "no libheif/x265");
        byte[] heic = HeifTestImages.heic(HeifTestImages.gradient(256, 256), 70);
        byte[] cut = java.util.Arrays.copyOf(heic, heic.length * 2 / 3); // header whole, image data cut
        byte[] damaged = heic.clone();
        for (int i = heic.length / 2; i < heic.length; i += 7) {
            damaged[i] ^= 0x5A;
        }
        HeifDecoder decoder = new HeifDecoder(DecodeLimits.defaults());
        for (int i = 0; i < WARM_UP; i++) {
            refuse(decoder, cut);
            refuse(decoder, damaged);
        }
        long before = NativeMemory.settledMallocInUse();

        for (int i = 0; i < CALLS; i++) {
            refuse(decoder, cut);
            refuse(decoder, damaged);
        }

        long growth = NativeMemory.settledMallocInUse() - before;
        assertTrue(growth < TOLERANCE, "native memory grew by " + (growth >> 20) + " MB over " + 2 * CALLS + " refusals");
    }

    private static void refuse(HeifDecoder decoder, byte[] file) {
        try {
            decoder.decode(file);
        } catch (com.imagecogni.pipeline.PipelineException expected) {
            // a typed refusal: what is measured is the memory left behind
        }
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
        long before = NativeMemory.settledMallocInUse();

        for (int i = 0; i < 100; i++) {
            encoder.encode(image, fast, HeifTestMetadata.sample());
        }

        long growth = NativeMemory.settledMallocInUse() - before;
        assertTrue(growth < TOLERANCE, "native memory grew by " + (growth >> 20) + " MB over 100 encodes");
    }
}
