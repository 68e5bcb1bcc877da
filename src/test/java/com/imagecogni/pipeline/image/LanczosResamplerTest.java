package com.imagecogni.pipeline.image;

import com.imagecogni.pipeline.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixed-point Lanczos3 resampler, the shared pyramid and the parallel bands. */
class LanczosResamplerTest {

    /** A resampler of the test's own, on helper threads of its own (as many as a standalone runtime has). */
    private static final Resampler RESAMPLER = new Resampler(new Parallel(Parallel.defaultHelperThreads()));

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({"4000,3000,1920,1440", "4000,3000,150,113", "4000,3000,1,1", "4000,3000,4000,1", "4000,3000,1,3000",
        "1,1,1,1", "1,1,7,3", "2,1,1,1", "1,2,1,1", "3,5,2,7", "17,9,16,9", "17,9,18,9", "101,99,100,100",
        "640,480,641,481", "640,480,1280,960", "640,480,333,250", "7,7,1000,3", "5000,2,3,1", "2,5000,1,3",
        "640,480,213,160", "640,480,320,240", "640,480,160,120", "999,777,10,777", "999,777,999,10"})
    void exactOutputSizes(int sw, int sh, int w, int h) {
        for (boolean alpha : new boolean[] {false, true}) {
            BufferedImage src = alpha ? withAlpha(TestImages.gradient(sw, sh)) : TestImages.gradient(sw, sh);
            BufferedImage out = RESAMPLER.resize(src, w, h);
            assertEquals(w + "x" + h, out.getWidth() + "x" + out.getHeight());
            assertEquals(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB, out.getType());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"128, 64", "192, 64", "256, 64", "300, 40", "150, 20", "201, 67", "1000, 133"})
    void checkerboardBecomesFlatGrey(int src, int dst) {
        BufferedImage board = new BufferedImage(src, src, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src; y++) {
            for (int x = 0; x < src; x++) {
                board.setRGB(x, y, ((x + y) & 1) == 0 ? 0x000000 : 0xFFFFFF);
            }
        }
        BufferedImage out = RESAMPLER.resize(board, dst, dst);
        int worst = 0;
        for (int y = 0; y < dst; y++) {
            for (int x = 0; x < dst; x++) {
                int p = out.getRGB(x, y);
                for (int c : new int[] {TestImages.red(p), TestImages.green(p), TestImages.blue(p)}) {
                    worst = Math.max(worst, Math.abs(c - 128));
                }
            }
        }
        assertTrue(worst <= 10, src + " -> " + dst + ": every pixel within 10 of 128, worst deviation " + worst);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x000000, 0xFFFFFF, 0x336699, 0xFF0000, 0x00FF01, 0x7F8081})
    void flatImagesKeepTheirColourExactly(int rgb) {
        BufferedImage flat = new BufferedImage(97, 61, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 61; y++) {
            for (int x = 0; x < 97; x++) {
                flat.setRGB(x, y, rgb);
            }
        }
        for (int[] size : new int[][] {{48, 30}, {13, 7}, {1, 1}, {200, 130}, {97, 20}, {30, 61}, {96, 60}}) {
            BufferedImage out = RESAMPLER.resize(flat, size[0], size[1]);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    assertEquals(rgb, out.getRGB(x, y) & 0xFFFFFF, "at " + x + "," + y + " of " + size[0] + "x" + size[1]);
                }
            }
        }
    }

    @Test
    void flatTranslucentColourSurvivesPremultiplication() {
        BufferedImage flat = new BufferedImage(50, 40, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                flat.setRGB(x, y, 0x80336699);
            }
        }
        for (int[] size : new int[][] {{25, 20}, {7, 3}, {120, 90}, {1, 1}}) {
            BufferedImage out = RESAMPLER.resize(flat, size[0], size[1]);
            assertEquals(0x80336699, out.getRGB(size[0] - 1, size[1] - 1));
            assertEquals(0x80336699, out.getRGB(0, 0));
        }
    }

    /**
     * Opaque red next to fully transparent pixels whose (invisible) colour is black: without premultiplication the
     * black leaks into the edge and the visible pixels there turn dark red.
     */
    @ParameterizedTest
    @CsvSource({"200, 50", "200, 67", "100, 300", "64, 64"})
    void alphaEdgeHasNoDarkFringe(int src, int dst) {
        BufferedImage img = new BufferedImage(src, src, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < src; y++) {
            for (int x = 0; x < src; x++) {
                img.setRGB(x, y, x < src / 2 ? 0xFFFF0000 : 0x00000000);
            }
        }
        BufferedImage out = RESAMPLER.resize(img, dst, dst);
        boolean sawEdge = false;
        for (int y = 0; y < dst; y++) {
            for (int x = 0; x < dst; x++) {
                int p = out.getRGB(x, y);
                int a = p >>> 24;
                if (a >= 8) {
                    assertEquals(255, TestImages.red(p), "visible pixel " + x + "," + y + " alpha " + a
                            + " darkened: " + Integer.toHexString(p));
                    assertTrue(TestImages.green(p) <= 1 && TestImages.blue(p) <= 1, Integer.toHexString(p));
                }
                sawEdge |= a > 0 && a < 255;
            }
        }
        assertTrue(sawEdge || dst == src, "the edge is antialiased");
    }

    @Test
    void opaqueArgbTakesTheFastPathAndStaysOpaque() {
        BufferedImage img = withAlpha(TestImages.gradient(300, 200));
        BufferedImage out = RESAMPLER.resize(img, 111, 74);
        for (int y = 0; y < 74; y++) {
            for (int x = 0; x < 111; x++) {
                assertEquals(255, out.getRGB(x, y) >>> 24);
            }
        }
    }

    @Test
    void gradientStaysCloseToTheExactValue() {
        BufferedImage img = TestImages.gradient(1000, 800);
        BufferedImage out = RESAMPLER.resize(img, 250, 200);
        for (int y = 5; y < 195; y += 7) {
            for (int x = 5; x < 245; x += 7) {
                int p = out.getRGB(x, y);
                double expectR = ((x + 0.5) * 4 - 0.5) * 255 / 999.0;
                double expectG = ((y + 0.5) * 4 - 0.5) * 255 / 799.0;
                assertTrue(Math.abs(TestImages.red(p) - expectR) <= 1.5, "red " + TestImages.red(p) + " vs " + expectR);
                assertTrue(Math.abs(TestImages.green(p) - expectG) <= 1.5, "green " + TestImages.green(p));
                assertEquals(96, TestImages.blue(p));
            }
        }
    }

    @Test
    void sameSizeReturnsTheSourcePixels() {
        BufferedImage img = TestImages.gradient(40, 30);
        assertSame(img, RESAMPLER.resize(img, 40, 30));
    }

    @Test
    void pyramidSharedBySizesGivesTheSameResultAsStandalone() {
        BufferedImage img = noise(900, 700);
        Resampler.Pyramid pyramid = RESAMPLER.pyramid(img);
        for (int[] s : new int[][] {{100, 78}, {450, 350}, {30, 23}, {800, 622}, {224, 174}}) {
            assertArrayEquals(Images.pixels(RESAMPLER.resize(img, s[0], s[1])),
                    Images.pixels(pyramid.resize(s[0], s[1])));
        }
    }

    @Test
    void parallelBandsGiveTheSameResultAsOneThread() {
        BufferedImage img = noise(1200, 900);
        Resampler oneThread = new Resampler(Parallel.SEQUENTIAL);
        int[] single = Images.pixels(oneThread.resize(img, 517, 301));
        int[] singleAlpha = Images.pixels(oneThread.resize(withAlpha(img, 0x7F), 333, 250));
        try (Parallel helpers = new Parallel(3)) {
            Resampler bands = new Resampler(helpers);
            assertArrayEquals(single, Images.pixels(bands.resize(img, 517, 301)));
            assertArrayEquals(singleAlpha, Images.pixels(bands.resize(withAlpha(img, 0x7F), 333, 250)));
        }
    }

    @Test
    void halvingAveragesExactly() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x000000);
        img.setRGB(1, 0, 0x0A0B0C);
        img.setRGB(0, 1, 0xFF00FF);
        img.setRGB(1, 1, 0x01FF02);
        int p = RESAMPLER.halve(img).getRGB(0, 0) & 0xFFFFFF;
        assertEquals((0 + 0x0A + 0xFF + 0x01 + 2) / 4, (p >> 16) & 0xFF);
        assertEquals((0 + 0x0B + 0x00 + 0xFF + 2) / 4, (p >> 8) & 0xFF);
        assertEquals((0 + 0x0C + 0xFF + 0x02 + 2) / 4, p & 0xFF);
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int[] px = Images.pixels(img);
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextInt() | 0xFF000000;
        }
        return img;
    }

    private static BufferedImage withAlpha(BufferedImage rgb) {
        return withAlpha(rgb, 0xFF);
    }

    private static BufferedImage withAlpha(BufferedImage rgb, int alpha) {
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_ARGB);
        int[] in = Images.pixels(rgb);
        int[] dst = Images.pixels(out);
        for (int i = 0; i < in.length; i++) {
            dst[i] = (in[i] & 0xFFFFFF) | (alpha != 0xFF && i % 3 == 0 ? 0x20 : alpha) << 24;
        }
        return out;
    }
}
