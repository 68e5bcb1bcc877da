package com.imagecogni.pipeline.codec.jxl;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.imagecogni.pipeline.PipelineException;
import com.imagecogni.pipeline.decode.DecodeLimits;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target (see decode/DecoderFuzzing for the conventions): for any bytes, the libjxl probe and decoder either
 * refuse with a PipelineException or agree on an image of exactly the size the header promised, within the limits.
 * A crash inside libjxl takes the JVM down, which is also a finding. Seeds: two tiny files made by cjxl 0.7 (a lossy
 * 16x12 image with alpha, a lossless 9x7 opaque one).
 */
class JxlDecoderFuzzTest {

    /** As DecoderFuzzing: small, so the fuzz JVM's 512 MB heap is never the limit that stops a decode. */
    private static final DecodeLimits LIMITS = new DecodeLimits(4_000_000, 50, 20);
    private static final JxlDecoder DECODER = new JxlDecoder(LIMITS);

    @FuzzTest
    void decode(byte[] data) {
        assertTrue(Jxl.available(), Jxl.problems().toString());
        JxlProbe probe = null;
        try {
            probe = DECODER.probe(data);
            assertTrue(probe.pixels() <= LIMITS.maxPixels(), "a header over the limit was accepted");
        } catch (PipelineException refused) {
            // a typed refusal is a fine answer; the decoder must then refuse too
        }
        try {
            DecodedJxl decoded = DECODER.decode(data);
            assertTrue(probe != null, "the decoder accepted data whose header the probe refused");
            assertEquals(probe, decoded.probe(), "probe and decode read the same header");
            BufferedImage image = decoded.image();
            assertEquals(probe.width(), image.getWidth(), "width");
            assertEquals(probe.height(), image.getHeight(), "height");
            assertEquals(probe.hasAlpha(), image.getColorModel().hasAlpha(), "alpha");
        } catch (PipelineException refused) {
            // fine
        }
    }
}
