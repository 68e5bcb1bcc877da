package com.imagecogni.pipeline.codec.heif;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.imagecogni.pipeline.PipelineException;
import com.imagecogni.pipeline.decode.DecodeLimits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target: libheif through this binding (the same property as the decode package's DecoderFuzzing): for any bytes,
 * probe and decode either agree on the image or refuse it with a {@link PipelineException}; anything else, including a
 * JVM crash in native code, is a finding. Seeds and kept crashes: {@code HeifDecoderFuzzTestInputs/decode/}.
 */
class HeifDecoderFuzzTest {

    /** As DecoderFuzzing: small, so an allocation the header did not bound shows as an OutOfMemoryError. */
    private static final HeifDecoder DECODER = new HeifDecoder(new DecodeLimits(4_000_000, 50, 20));

    @FuzzTest
    void decode(byte[] data) {
        if (!Heif.available()) {
            return;
        }
        HeifProbe probe = null;
        try {
            probe = DECODER.probe(data);
            assertTrue(probe.pixels() <= 4_000_000, "a header over the limit was accepted");
        } catch (PipelineException refused) {
            // a typed refusal is a fine answer; decode must then refuse too
        }
        DecodedHeif decoded;
        try {
            decoded = DECODER.decode(data);
        } catch (PipelineException refused) {
            return;
        }
        assertTrue(probe != null, "decode accepted a file the probe refused");
        assertEquals(probe, decoded.probe());
        assertEquals(probe.width(), decoded.image().getWidth(), "decoded width");
        assertEquals(probe.height(), decoded.image().getHeight(), "decoded height");
    }
}
