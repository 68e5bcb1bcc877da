package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.image.Animation;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.imagecogni.pipeline.PipelineException;
import com.imagecogni.pipeline.decode.DecodeLimits;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target (see decode/DecoderFuzzing for the conventions): for any bytes, the libwebp still decoder, the
 * animation decoder and the metadata reader either refuse with a PipelineException or return images of exactly the
 * size the header promised, within the limits. A crash inside libwebp takes the JVM down, which is also a finding.
 */
class LibwebpDecoderFuzzTest {

    /** As DecoderFuzzing: small, so the fuzz JVM's 512 MB heap is never the limit that stops a decode. */
    private static final DecodeLimits LIMITS = new DecodeLimits(4_000_000, 50, 20);
    private static final LibwebpDecoder STILL = new LibwebpDecoder(LIMITS);
    private static final LibwebpAnimationDecoder ANIMATED = new LibwebpAnimationDecoder(LIMITS);

    @FuzzTest
    void decode(byte[] data) {
        assertTrue(Libwebp.animationAvailable(), Libwebp.problems().toString());
        WebpFeatures features = null;
        try {
            features = LibwebpDecoder.features(data);
        } catch (PipelineException refused) {
            // a typed refusal is a fine answer; the decoder must then refuse too
        }
        try {
            BufferedImage image = STILL.decode(data);
            assertTrue(features != null, "the decoder accepted data whose header libwebp refused");
            assertEquals(features.width(), image.getWidth(), "width");
            assertEquals(features.height(), image.getHeight(), "height");
            assertTrue((long) image.getWidth() * image.getHeight() <= LIMITS.maxPixels(), "over the pixel limit");
        } catch (PipelineException refused) {
            // fine
        }
        try {
            Animation animation = ANIMATED.decode(data);
            long pixels = (long) animation.width() * animation.height() * animation.frames().size();
            assertTrue(pixels <= LIMITS.maxPixels(), "animation over the pixel limit: " + pixels);
            assertTrue(animation.frames().size() <= LIMITS.maxFrames(), "animation over the frame limit");
        } catch (PipelineException refused) {
            // fine
        }
        try {
            WebpMetadata.read(data);
        } catch (PipelineException refused) {
            // fine
        }
    }
}
