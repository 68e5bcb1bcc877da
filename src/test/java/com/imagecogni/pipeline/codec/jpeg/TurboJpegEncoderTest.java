package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import static com.imagecogni.pipeline.codec.jpeg.JpegTestSupport.findMarker;
import static com.imagecogni.pipeline.codec.jpeg.JpegTestSupport.imageIoDecode;
import static com.imagecogni.pipeline.codec.jpeg.JpegTestSupport.psnr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TurboJpegEncoder's output as ImageIO (an independent decoder) reads it, and its frame header. */
class TurboJpegEncoderTest {

    private static final TurboJpegEncoder ENCODER = new TurboJpegEncoder();

    @BeforeAll
    static void requireLibrary() {
        JpegTestSupport.requireTurboJpeg();
    }

    @Test
    void quality85DecodesFaithfullyWithImageIo() {
        BufferedImage photo = JpegTestSupport.photo();
        byte[] jpeg = ENCODER.encode(photo, EncodeOptions.DEFAULT);
        BufferedImage decoded = imageIoDecode(jpeg);
        assertEquals(photo.getWidth(), decoded.getWidth());
        assertEquals(photo.getHeight(), decoded.getHeight());
        double psnr = psnr(photo, decoded);
        System.out.printf("TurboJPEG q85 4:2:0 encode, decoded by ImageIO: PSNR %.2f dB, %d bytes%n", psnr,
                jpeg.length);
        assertTrue(psnr >= 35, "PSNR " + psnr);
    }

    @Test
    void baselineAndProgressiveFrameMarkers() {
        BufferedImage photo = JpegTestSupport.photo();
        byte[] baseline = ENCODER.encode(photo, new EncodeOptions(85, false, true));
        byte[] progressive = ENCODER.encode(photo, new EncodeOptions(85, true, true));
        assertTrue(findMarker(baseline, 0xC0) > 0, "SOF0 in the baseline JPEG");
        assertEquals(-1, findMarker(baseline, 0xC2));
        assertTrue(findMarker(progressive, 0xC2) > 0, "SOF2 in the progressive JPEG");
        assertEquals(-1, findMarker(progressive, 0xC0));
        assertTrue(psnr(photo, imageIoDecode(progressive)) >= 35, "progressive decodes with ImageIO");
    }

    /** libvips' auto rule: chroma at full resolution from quality 90, subsampled 2x2 (4:2:0) below. */
    @Test
    void chromaSubsamplingFollowsQuality() {
        BufferedImage photo = JpegTestSupport.photo();
        assertArrayEquals(new int[] {0x22, 0x11, 0x11}, samplingFactors(ENCODER.encode(photo, opts(89, false))));
        assertArrayEquals(new int[] {0x11, 0x11, 0x11}, samplingFactors(ENCODER.encode(photo, opts(90, false))));
        assertArrayEquals(new int[] {0x11, 0x11, 0x11}, samplingFactors(ENCODER.encode(photo, opts(95, true))));
        assertArrayEquals(new int[] {0x22, 0x11, 0x11}, samplingFactors(ENCODER.encode(photo, opts(50, true))));
    }

    @Test
    void transparencyIsFlattenedOntoWhite() {
        BufferedImage argb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(new Color(0, 0, 255, 255));
        g.fillRect(0, 0, 32, 48); // left half opaque blue, right half fully transparent
        g.dispose();
        BufferedImage decoded = imageIoDecode(ENCODER.encode(argb, opts(95, false)));
        assertNear(0x0000FF, decoded.getRGB(8, 24));
        assertNear(0xFFFFFF, decoded.getRGB(56, 24));
    }

    /** A sub-image shares its parent's array with a row stride wider than itself; only its own pixels are encoded. */
    @Test
    void subImageEncodesOnlyItsRegion() {
        BufferedImage parent = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = parent.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 80);
        g.setColor(Color.GREEN);
        g.fillRect(40, 30, 20, 20);
        g.dispose();
        BufferedImage decoded = imageIoDecode(ENCODER.encode(parent.getSubimage(40, 30, 20, 20), opts(95, false)));
        assertEquals(20, decoded.getWidth());
        assertNear(0x00FF00, decoded.getRGB(2, 2));
        assertNear(0x00FF00, decoded.getRGB(17, 17));
    }

    @Test
    void theMetadataGivenIsWrittenAndNoneWithout() {
        // which metadata an output keeps is decided before the encoder (OutputMetadata); it writes what it is given
        byte[] xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>".getBytes(StandardCharsets.UTF_8);
        SourceMetadata metadata = new SourceMetadata(null, xmp, null);
        BufferedImage photo = JpegTestSupport.photo();
        byte[] kept = ENCODER.encode(photo, new EncodeOptions(85, false, false), metadata);
        byte[] stripped = ENCODER.encode(photo, new EncodeOptions(85, false, true), SourceMetadata.NONE);
        assertArrayEquals(xmp, JpegSegments.read(kept).xmp());
        assertNull(JpegSegments.read(stripped).xmp());
        assertEquals(-1, findMarker(stripped, 0xE1));
    }

    private static EncodeOptions opts(int quality, boolean progressive) {
        return new EncodeOptions(quality, progressive, true);
    }

    /** The H/V sampling byte of each component in the SOF0 or SOF2 frame header. */
    private static int[] samplingFactors(byte[] jpeg) {
        int sof = Math.max(findMarker(jpeg, 0xC0), findMarker(jpeg, 0xC2));
        assertTrue(sof > 0, "no SOF0/SOF2");
        int components = jpeg[sof + 9] & 0xFF;
        int[] factors = new int[components];
        for (int i = 0; i < components; i++) {
            factors[i] = jpeg[sof + 10 + 3 * i + 1] & 0xFF;
        }
        return factors;
    }

    private static void assertNear(int expectedRgb, int actual) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expectedRgb >> shift) & 0xFF;
            int a = (actual >> shift) & 0xFF;
            assertTrue(Math.abs(e - a) <= 6, String.format("expected %06x, got %06x", expectedRgb, actual & 0xFFFFFF));
        }
    }
}
