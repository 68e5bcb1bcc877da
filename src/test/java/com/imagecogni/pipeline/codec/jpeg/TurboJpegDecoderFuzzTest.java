package com.imagecogni.pipeline.codec.jpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.imagecogni.pipeline.PipelineException;
import com.imagecogni.pipeline.decode.DecodeLimits;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target (see decode/DecoderFuzzing for how targets run): for any bytes, the TurboJPEG decoder returns an image of
 * exactly the DCT-scaled header size, declines (CMYK), or refuses with a PipelineException; JpegSegments.read never
 * throws and returns no more bytes than it was given. A native crash, another exception or an OOM is a finding.
 */
class TurboJpegDecoderFuzzTest {

    /** As DecoderFuzzing: a decode within the limit costs at most ~32 MB beside a 512 MB fuzzing heap. */
    private static final DecodeLimits LIMITS = new DecodeLimits(4_000_000, 50, 20);

    @FuzzTest
    void decode(byte[] data) {
        var metadata = JpegSegments.read(data);
        long carried = length(metadata.exif()) + length(metadata.xmp()) + length(metadata.icc());
        assertTrue(carried <= data.length, "metadata larger than the file");
        int minSide = data.length == 0 ? 0 : (data[data.length - 1] & 0xFF) * 8; // vary the chosen scale
        Optional<ScaledJpeg> decoded;
        try {
            decoded = TurboJpegDecoder.decode(data, minSide, minSide, LIMITS);
        } catch (PipelineException refused) {
            return;
        }
        decoded.ifPresent(d -> {
            assertTrue((long) d.sourceWidth() * d.sourceHeight() <= LIMITS.maxPixels(), "over the limit");
            assertEquals(d.scale().scaled(d.sourceWidth()), d.image().getWidth());
            assertEquals(d.scale().scaled(d.sourceHeight()), d.image().getHeight());
        });
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
