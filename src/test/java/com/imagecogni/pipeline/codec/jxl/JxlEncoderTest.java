package com.imagecogni.pipeline.codec.jxl;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.support.Psnr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The encoder's output checked by djxl (libjxl-tools), which shares no code with this binding, and by our decoder. */
class JxlEncoderTest {

    private static final JxlEncoder ENCODER = new JxlEncoder();
    private static final JxlDecoder DECODER = new JxlDecoder(DecodeLimits.defaults());

    @BeforeAll
    static void libjxlIsInstalled() {
        assertTrue(Jxl.available(), "libjxl.so.0.7 should be installed here: " + Jxl.problems());
        assertTrue(JxlEncoder.availableForEncode());
    }

    @Test
    void quality85IsCloseAccordingToDjxl() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        BufferedImage source = JxlTools.photo(320, 240);
        byte[] jxl = ENCODER.encode(source, new EncodeOptions(85, false, true));
        BufferedImage decoded = JxlTools.djxl(jxl);
        assertEquals(320, decoded.getWidth());
        assertEquals(240, decoded.getHeight());
        double psnr = Psnr.of(source, decoded);
        assertTrue(psnr >= 35, "PSNR " + psnr);
        assertTrue(jxl.length < 320 * 240 * 3 / 4, "lossy output of " + jxl.length + " bytes");
        assertTrue(Psnr.of(source, DECODER.decode(jxl).image()) >= 35, "our decoder agrees");
    }

    @Test
    void lossierQualityIsSmallerAndFurther() {
        BufferedImage source = JxlTools.photo(320, 240);
        byte[] q90 = ENCODER.encode(source, new EncodeOptions(90, false, true));
        byte[] q40 = ENCODER.encode(source, new EncodeOptions(40, false, true));
        assertTrue(q40.length < q90.length, q40.length + " >= " + q90.length);
        assertTrue(Psnr.of(source, DECODER.decode(q40).image()) < Psnr.of(source, DECODER.decode(q90).image()));
    }

    @Test
    void losslessIsPixelExactAccordingToDjxl() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        BufferedImage source = JxlTools.photo(160, 120);
        byte[] jxl = ENCODER.encode(source, lossless(EncodeOptions.DEFAULT_EFFORT));
        JxlTools.assertSamePixels(source, JxlTools.djxl(jxl));
        JxlTools.assertSamePixels(source, DECODER.decode(jxl).image());
        // quality 100 is lossless too, as cjxl's -q 100 (distance 0)
        JxlTools.assertSamePixels(source, JxlTools.djxl(ENCODER.encode(source, new EncodeOptions(100, false, true))));
    }

    @Test
    void alphaIsKept() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        BufferedImage source = JxlTools.translucent(120, 80);
        byte[] exact = ENCODER.encode(source, lossless(EncodeOptions.DEFAULT_EFFORT));
        BufferedImage byDjxl = JxlTools.djxl(exact);
        assertTrue(byDjxl.getColorModel().hasAlpha(), "djxl wrote no alpha");
        JxlTools.assertSamePixels(source, byDjxl);

        byte[] lossy = ENCODER.encode(source, new EncodeOptions(85, false, true));
        BufferedImage lossyByDjxl = JxlTools.djxl(lossy);
        assertTrue(lossyByDjxl.getColorModel().hasAlpha(), "djxl wrote no alpha");
        assertTrue(JxlTools.maxAlphaError(source, lossyByDjxl) <= 2,
                "alpha error " + JxlTools.maxAlphaError(source, lossyByDjxl));
        DecodedJxl ours = DECODER.decode(lossy);
        assertTrue(ours.probe().hasAlpha());
        assertEquals(BufferedImage.TYPE_INT_ARGB, ours.image().getType());
    }

    @Test
    void opaqueImagesGetNoAlphaChannel() {
        byte[] jxl = ENCODER.encode(JxlTools.photo(64, 64), new EncodeOptions(85, false, true));
        assertFalse(DECODER.probe(jxl).hasAlpha());
    }

    @Test
    void effortChangesTimeOrSize() {
        BufferedImage source = JxlTools.photo(400, 300);
        EncodeOptions fastest = new EncodeOptions(85, false, true, false, 0, false);
        EncodeOptions slowest = new EncodeOptions(85, false, true, false, 9, false);
        ENCODER.encode(source, fastest); // warm-up: the first call pays for class loading and binding
        long start = System.nanoTime();
        byte[] fast = ENCODER.encode(source, fastest);
        long fastNanos = System.nanoTime() - start;
        start = System.nanoTime();
        byte[] slow = ENCODER.encode(source, slowest);
        long slowNanos = System.nanoTime() - start;
        System.out.printf("libjxl 400x300 q85: effort 1 %d bytes in %d ms, effort 9 %d bytes in %d ms%n", fast.length,
                fastNanos / 1_000_000, slow.length, slowNanos / 1_000_000);
        assertTrue(slow.length != fast.length || slowNanos > fastNanos, "effort made no difference");
        assertTrue(slowNanos > 2 * fastNanos, "effort 9 should take much longer than effort 1");
    }

    @Test
    void qualityMapsToDistanceAsCjxlDoes() {
        assertEquals(0.19f, JxlEncoder.distance(99), 1e-6);
        assertEquals(1.0f, JxlEncoder.distance(90), 1e-6);
        assertEquals(1.45f, JxlEncoder.distance(85), 1e-6);
        assertEquals(6.4f, JxlEncoder.distance(30), 1e-6);
        assertEquals(6.4 + Math.pow(2.5, 0.2) / 6.25, JxlEncoder.distance(29), 1e-6);
        assertEquals(6.4 + Math.pow(2.5, 5.8) / 6.25, JxlEncoder.distance(1), 1e-4);
        assertEquals(0f, JxlEncoder.distance(100));
        assertTrue(JxlEncoder.lossless(new EncodeOptions(100, false, true)));
        assertFalse(JxlEncoder.lossless(new EncodeOptions(99, false, true)));
    }

    @Test
    void imagesOfOtherTypesAreEncodedByTheirColours() {
        BufferedImage gray = new BufferedImage(33, 17, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 33; x++) {
            gray.getRaster().setSample(x, 5, 0, x * 7);
        }
        BufferedImage decoded = DECODER.decode(ENCODER.encode(gray, lossless(EncodeOptions.DEFAULT_EFFORT))).image();
        JxlTools.assertSamePixels(gray, decoded);
    }

    private static EncodeOptions lossless(int effort) {
        return new EncodeOptions(85, false, true, true, effort, false);
    }
}
