package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The libwebp encoder, checked by decoding its output with dwebp (a separate process, libwebp's own tool). */
class LibwebpEncoderTest {

    private static BufferedImage photo;
    private final LibwebpEncoder encoder = new LibwebpEncoder();

    @BeforeAll
    static void photo() {
        assertTrue(Libwebp.available(), "libwebp must be installed for these tests: " + Libwebp.problems());
        photo = WebpTools.photo(640, 360);
    }

    @Test
    void lossyPhotoAtQuality85KeepsItsSizeAndLooksRight() {
        byte[] webp = encoder.encode(photo, new EncodeOptions(85, false, true));
        assertEquals(List.of("VP8 "), WebpTools.chunkOrder(webp), "opaque lossy: a simple file, no alpha plane");
        BufferedImage back = WebpTools.dwebp(webp);
        double psnr = WebpTools.psnr(photo, back);
        assertTrue(psnr >= 35, "PSNR " + psnr + " dB at Q85");
    }

    @Test
    void losslessIsPixelExactWithAlpha() {
        BufferedImage image = WebpTools.translucent(97, 61);
        byte[] webp = encoder.encode(image, new EncodeOptions(85, false, true, true, EncodeOptions.DEFAULT_EFFORT, false));
        assertEquals(List.of("VP8L"), WebpTools.chunkOrder(webp));
        BufferedImage back = WebpTools.dwebp(webp);
        assertTrue(back.getColorModel().hasAlpha(), "dwebp writes an RGBA PNG for a file with alpha");
        WebpTools.assertSamePixels(image, back);
    }

    @Test
    void lossyKeepsAlpha() {
        BufferedImage image = WebpTools.translucent(64, 48);
        byte[] webp = encoder.encode(image, new EncodeOptions(90, false, true));
        assertEquals(List.of("VP8X", "ALPH", "VP8 "), WebpTools.chunkOrder(webp));
        BufferedImage back = WebpTools.dwebp(webp);
        for (int x = 0; x < image.getWidth(); x += 7) {
            int expected = image.getRGB(x, 10) >>> 24;
            int actual = back.getRGB(x, 10) >>> 24;
            assertTrue(Math.abs(expected - actual) <= 2, "alpha at x=" + x + ": " + expected + " vs " + actual);
        }
    }

    @Test
    void anOpaqueArgbImageGetsNoAlphaPlane() {
        BufferedImage argb = new BufferedImage(80, 60, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.drawImage(photo, 0, 0, 80, 60, null);
        g.dispose();
        assertEquals(List.of("VP8 "), WebpTools.chunkOrder(encoder.encode(argb, EncodeOptions.DEFAULT)));
    }

    @Test
    void effortReachesTheMethod() {
        int fastest = encoder.encode(photo, effort(0)).length;
        int slowest = encoder.encode(photo, effort(9)).length;
        assertNotEquals(fastest, slowest, "method 0 and method 6 give the same bytes");
        assertTrue(slowest < fastest, "method 6 (" + slowest + ") should be smaller than method 0 (" + fastest + ")");
    }

    @Test
    void qualityChangesTheSize() {
        int low = encoder.encode(photo, new EncodeOptions(30, false, true)).length;
        int high = encoder.encode(photo, new EncodeOptions(95, false, true)).length;
        assertTrue(low < high, low + " < " + high);
    }

    @Test
    void otherImageTypesAreConvertedNotMisread() {
        BufferedImage bgr = new BufferedImage(50, 40, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        g.drawImage(photo, 0, 0, 50, 40, null);
        g.dispose();
        BufferedImage back = WebpTools.dwebp(encoder.encode(bgr, new EncodeOptions(85, false, true, true,
                EncodeOptions.DEFAULT_EFFORT, false)));
        WebpTools.assertSamePixels(bgr, back);
        BufferedImage sub = photo.getSubimage(100, 50, 64, 32);
        WebpTools.assertSamePixels(sub, WebpTools.dwebp(encoder.encode(sub, new EncodeOptions(85, false, true, true,
                EncodeOptions.DEFAULT_EFFORT, false))));
    }

    @Test
    void anEdgeOverTheWebpMaximumIsOutputTooLarge() {
        ProcessingFailedException e = assertThrows(ProcessingFailedException.class,
                () -> encoder.encode(new BufferedImage(16384, 1, BufferedImage.TYPE_INT_RGB), EncodeOptions.DEFAULT));
        assertEquals(FailureReason.OUTPUT_TOO_LARGE, e.reason());
        BufferedImage widest = new BufferedImage(16383, 2, BufferedImage.TYPE_INT_RGB);
        assertEquals(16383, WebpTools.dwebp(encoder.encode(widest, EncodeOptions.DEFAULT)).getWidth());
    }

    private static EncodeOptions effort(int effort) {
        return new EncodeOptions(80, false, true, false, effort, false);
    }
}
