package com.imagecogni.pipeline.filter;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.model.FilterSpec;
import com.imagecogni.pipeline.model.FilterSpec.Kind;
import com.sksamuel.scrimage.ImmutableImage;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFiltersTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    /** The kinds whose amount has a documented "unchanged" value, and that value. */
    private static final Map<Kind, Double> NEUTRAL = Map.of(
            Kind.GRAYSCALE, 0.0, Kind.SEPIA, 0.0, Kind.SHARPEN, 0.0, Kind.BRIGHTNESS, 0.0, Kind.CONTRAST, 0.0,
            Kind.SATURATION, 0.0, Kind.GAMMA, 1.0, Kind.INVERT, 0.0, Kind.VIGNETTE, 0.0);

    // ---- every kind ----

    @Test
    void everyKindIsHandledAndKeepsSizeTypeAndAlpha() {
        for (Kind kind : Kind.values()) {
            ImmutableImage in = random(23, 17, true, 7);
            ImmutableImage out = apply(kind, kind.defaultAmount(), in);
            assertEquals(23, out.width, kind.jsonName());
            assertEquals(17, out.height, kind.jsonName());
            assertEquals(BufferedImage.TYPE_INT_ARGB, out.getType(), kind.jsonName());
            if (kind != Kind.ROUNDED_CORNERS && kind != Kind.BORDER && kind != Kind.BLUR) {
                for (int y = 0; y < 17; y++) {
                    for (int x = 0; x < 23; x++) {
                        assertEquals(alpha(argb(in, x, y)), alpha(argb(out, x, y)), kind.jsonName() + " alpha");
                    }
                }
            }
        }
    }

    @Test
    void rgbStaysRgbAndArgbStaysArgbExceptRoundedCornersWhichIsArgb() {
        for (Kind kind : Kind.values()) {
            int expected = kind == Kind.ROUNDED_CORNERS ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
            assertEquals(expected, apply(kind, kind.defaultAmount(), random(20, 20, false, 1)).getType(),
                    kind.jsonName());
            assertEquals(BufferedImage.TYPE_INT_ARGB,
                    apply(kind, kind.defaultAmount(), random(20, 20, true, 1)).getType(), kind.jsonName());
        }
    }

    @Test
    void theNeutralAmountIsTheIdentityIncludingTranslucentPixels() {
        NEUTRAL.forEach((kind, amount) -> {
            for (boolean alpha : new boolean[]{false, true}) {
                ImmutableImage in = random(40, 30, alpha, 3);
                assertArrayEquals(pixels(in), pixels(apply(kind, amount, in)), kind.jsonName() + " alpha=" + alpha);
            }
        });
    }

    @Test
    void theInputIsNeverChanged() {
        for (Kind kind : Kind.values()) {
            for (double amount : new double[]{kind.min(), kind.defaultAmount(), kind.max()}) {
                for (boolean alpha : new boolean[]{false, true}) {
                    ImmutableImage in = random(31, 19, alpha, 5);
                    int[] before = pixels(in).clone();
                    ImmutableImage out = apply(kind, amount, in);
                    assertArrayEquals(before, pixels(in), kind.jsonName() + " " + amount);
                    assertNotSame(in.awt(), out.awt());
                    assertNotSame(Images.pixels(in.awt()), Images.pixels(out.awt()));
                }
            }
        }
    }

    @Test
    void tinyImagesAndExtremeAmountsWork() {
        for (Kind kind : Kind.values()) {
            for (double amount : new double[]{kind.min(), kind.max()}) {
                for (int[] size : new int[][]{{1, 1}, {1, 9}, {9, 1}, {2, 3}}) {
                    ImmutableImage out = apply(kind, amount, random(size[0], size[1], true, 9));
                    assertEquals(size[0], out.width);
                    assertEquals(size[1], out.height);
                }
            }
        }
    }

    /**
     * The one copy {@link ImageFilters#apply} makes is the only image-sized allocation of the point filters (the
     * blurs add BoxBlur's two working arrays): measured with the thread's allocation counter, on an opaque image.
     */
    @Test
    void applyCopiesTheImageOnce() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ImmutableImage in = random(1000, 1000, true, 11);
        int[] px = pixels(in);
        for (int i = 0; i < px.length; i++) {
            px[i] |= 0xFF000000;
        }
        long imageBytes = 4L * px.length;
        Set<Kind> blurs = EnumSet.of(Kind.BLUR, Kind.SHARPEN, Kind.UNSHARP);
        for (Kind kind : Kind.values()) {
            apply(kind, kind.defaultAmount(), in); // warm-up: class loading and JIT allocate too
            long before = threads.getCurrentThreadAllocatedBytes();
            apply(kind, kind.defaultAmount(), in);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            long limit = (blurs.contains(kind) ? 3 : 1) * imageBytes + imageBytes / 2;
            assertTrue(allocated < limit, kind.jsonName() + " allocated " + allocated + " bytes, limit " + limit);
        }
    }

    // ---- each kind's pixels ----

    @Test
    void grayscaleGivesLumaGreyAndHalfStrengthIsHalfway() {
        ImmutableImage in = image(2, 1, true, (x, y) -> x == 0 ? 0x80C86432 : 0xFF1090F0);
        ImmutableImage grey = apply(Kind.GRAYSCALE, 1, in);
        for (int x = 0; x < 2; x++) {
            int p = argb(in, x, 0);
            int q = argb(grey, x, 0);
            long luma = Math.round(0.299 * r(p) + 0.587 * g(p) + 0.114 * b(p));
            assertEquals(luma, r(q));
            assertEquals(luma, g(q));
            assertEquals(luma, b(q));
            assertEquals(alpha(p), alpha(q));
        }
        int half = argb(apply(Kind.GRAYSCALE, 0.5, in), 0, 0);
        long luma = Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50);
        assertEquals(Math.round((200 + luma) / 2.0), r(half));
        assertEquals(Math.round((50 + luma) / 2.0), b(half));
    }

    @Test
    void sepiaTintsGreyBrownAndKeepsAlpha() {
        int q = argb(apply(Kind.SEPIA, 1, image(1, 1, true, (x, y) -> 0x90808080)), 0, 0);
        assertTrue(r(q) > g(q) && g(q) > b(q), Integer.toHexString(q));
        assertEquals(Math.round(128 * (0.393 + 0.769 + 0.189)), r(q));
        assertEquals(0x90, alpha(q));
        int half = argb(apply(Kind.SEPIA, 0.5, image(1, 1, false, (x, y) -> 0x808080)), 0, 0);
        assertTrue(r(half) > 128 && r(half) < r(q));
    }

    @Test
    void blurSpreadsAHardEdgeAndKeepsFlatAreasFlat() {
        ImmutableImage edge = image(100, 20, false, (x, y) -> x < 50 ? 0x000000 : 0xFFFFFF);
        ImmutableImage out = apply(Kind.BLUR, 2, edge);
        int left = g(argb(out, 48, 10));
        int right = g(argb(out, 51, 10));
        assertTrue(left > 0 && left < 128, "left of the edge " + left);
        assertTrue(right > 128 && right < 255, "right of the edge " + right);
        assertEquals(0, g(argb(out, 20, 10)));
        assertEquals(255, g(argb(out, 80, 10)));

        ImmutableImage flat = image(30, 30, true, (x, y) -> 0xFF336699);
        assertArrayEquals(pixels(flat), pixels(apply(Kind.BLUR, 5, flat)));
        // translucent: blurred premultiplied, still flat (the round trip through premultiplied alpha may move a level)
        int[] translucent = pixels(apply(Kind.BLUR, 5, image(30, 30, true, (x, y) -> 0x80336699)));
        for (int p : translucent) {
            assertEquals(translucent[0], p);
            assertEquals(0x80, alpha(p));
            assertEquals(0x66, g(p), 1);
        }
    }

    @Test
    void blurDoesNotDarkenTowardsTransparentPixels() {
        // white opaque half beside a fully transparent black half: the blurred colour stays white, only alpha fades
        ImmutableImage in = image(40, 10, true, (x, y) -> x < 20 ? 0xFFFFFFFF : 0x00000000);
        ImmutableImage out = apply(Kind.BLUR, 3, in);
        for (int x = 15; x < 25; x++) {
            int p = argb(out, x, 5);
            if (alpha(p) > 8) {
                assertTrue(r(p) >= 250, "x=" + x + " " + Integer.toHexString(p));
            }
        }
        assertTrue(alpha(argb(out, 19, 5)) < 255 && alpha(argb(out, 20, 5)) > 0);
    }

    @Test
    void sharpenOvershootsAnEdgeAndKeepsFlatAreasAndAlpha() {
        ImmutableImage edge = image(60, 10, false, (x, y) -> x < 30 ? 0x404040 : 0xC0C0C0);
        ImmutableImage out = apply(Kind.SHARPEN, 1, edge);
        assertTrue(g(argb(out, 29, 5)) < 0x40, "undershoot " + g(argb(out, 29, 5)));
        assertTrue(g(argb(out, 30, 5)) > 0xC0, "overshoot " + g(argb(out, 30, 5)));
        assertEquals(0x40, g(argb(out, 10, 5)));
        assertEquals(0xC0, g(argb(out, 50, 5)));
        // stronger is steeper
        assertTrue(g(argb(apply(Kind.SHARPEN, 3, edge), 30, 5)) > g(argb(out, 30, 5)));

        ImmutableImage translucent = image(60, 10, true, (x, y) -> (x < 30 ? 0x40404040 : 0x70C0C0C0));
        ImmutableImage t = apply(Kind.SHARPEN, 2, translucent);
        for (int x = 0; x < 60; x++) {
            assertEquals(alpha(argb(translucent, x, 5)), alpha(argb(t, x, 5)));
        }
    }

    @Test
    void unsharpOvershootsOverItsRadius() {
        ImmutableImage edge = image(80, 10, false, (x, y) -> x < 40 ? 0x404040 : 0xC0C0C0);
        ImmutableImage small = apply(Kind.UNSHARP, 1, edge);
        ImmutableImage large = apply(Kind.UNSHARP, 6, edge);
        assertTrue(g(argb(large, 40, 5)) > 0xC0 && g(argb(large, 39, 5)) < 0x40);
        // 5 px from the edge the 1 px radius has no effect left, the 6 px one still overshoots
        assertEquals(0xC0, g(argb(small, 45, 5)));
        assertTrue(g(argb(large, 45, 5)) > 0xC0);
        assertEquals(0x40, g(argb(large, 5, 5)));
        assertEquals(0xC0, g(argb(large, 75, 5)));
    }

    @Test
    void brightnessScalesTheChannels() {
        ImmutableImage in = image(1, 1, true, (x, y) -> 0x7064_32C8);
        assertEquals(0x70783CF0, argb(apply(Kind.BRIGHTNESS, 0.2, in), 0, 0));
        assertEquals(0x70321964, argb(apply(Kind.BRIGHTNESS, -0.5, in), 0, 0));
        assertEquals(0x70000000, argb(apply(Kind.BRIGHTNESS, -1, in), 0, 0));
        assertEquals(0x70C864FF, argb(apply(Kind.BRIGHTNESS, 1, in), 0, 0));
        assertEquals(0xFF6F3597, argb(apply(Kind.BRIGHTNESS, 0.11, image(1, 1, false, (x, y) -> 0x643088)), 0, 0),
                "rounded, not truncated: 100*1.11=111, 48*1.11=53.28->53, 136*1.11=150.96->151");
    }

    @Test
    void contrastStretchesAroundMidGrey() {
        ImmutableImage in = image(1, 1, true, (x, y) -> 0x60C86480);
        assertEquals(0x60EC5680, argb(apply(Kind.CONTRAST, 0.5, in), 0, 0)); // 200->236, 100->86, 128 stays
        assertEquals(0x60A47280, argb(apply(Kind.CONTRAST, -0.5, in), 0, 0)); // 200->164, 100->114
        assertEquals(0x60808080, argb(apply(Kind.CONTRAST, -1, in), 0, 0));
        assertEquals(0x60FF4880, argb(apply(Kind.CONTRAST, 1, in), 0, 0)); // 200->272 clamped, 100->72
    }

    @Test
    void saturationMinusOneIsGreyAndPlusOneIncreasesChroma() {
        ImmutableImage in = image(3, 1, true, (x, y) -> new int[]{0x80C86432, 0xFF3080A0, 0x10FF0000}[x]);
        ImmutableImage grey = apply(Kind.SATURATION, -1, in);
        ImmutableImage vivid = apply(Kind.SATURATION, 1, in);
        for (int x = 0; x < 3; x++) {
            int p = argb(in, x, 0);
            int q = argb(grey, x, 0);
            assertEquals(r(q), g(q));
            assertEquals(g(q), b(q));
            assertEquals(alpha(p), alpha(q));
            int v = argb(vivid, x, 0);
            assertTrue(chroma(v) > chroma(p) || chroma(p) == 255, Integer.toHexString(v));
            assertEquals(alpha(p), alpha(v));
        }
        // (200, 100, 50): mean 116, distances doubled: 284 -> 255, 84, -16 -> 0
        assertEquals(0x80FF5400, argb(vivid, 0, 0));
    }

    @Test
    void gammaOneIsTheIdentityAboveOneBrightensAndBelowDarkens() {
        ImmutableImage ramp = image(256, 1, true, (x, y) -> 0xC0000000 | x << 16 | x << 8 | x);
        assertArrayEquals(pixels(ramp), pixels(apply(Kind.GAMMA, 1, ramp)));
        ImmutableImage mid = image(1, 1, false, (x, y) -> 0x808080);
        assertEquals(Math.round(255 * Math.pow(128 / 255.0, 1 / 2.2)), g(argb(apply(Kind.GAMMA, 2.2, mid), 0, 0)));
        assertEquals(Math.round(255 * Math.pow(128 / 255.0, 2)), g(argb(apply(Kind.GAMMA, 0.5, mid), 0, 0)));
        ImmutableImage brighter = apply(Kind.GAMMA, 1.2, ramp);
        assertEquals(0, g(argb(brighter, 0, 0)));
        assertEquals(255, g(argb(brighter, 255, 0)));
        assertEquals(0xC0, alpha(argb(brighter, 100, 0)));
    }

    @Test
    void invertMapsEachChannelAndKeepsAlpha() {
        ImmutableImage in = image(1, 1, true, (x, y) -> 0x40C86432);
        assertEquals(0x40379BCD, argb(apply(Kind.INVERT, 1, in), 0, 0)); // (200,100,50) -> (55,155,205)
        assertEquals(0x40808080, argb(apply(Kind.INVERT, 0.5, in), 0, 0)); // halfway is 127.5 for any value
        assertEquals(0xFF379BCD, argb(apply(Kind.INVERT, 1, image(1, 1, false, (x, y) -> 0xC86432)), 0, 0));
    }

    @Test
    void pixelateMakesEveryBlockUniformWithItsAverage() {
        ImmutableImage in = random(35, 23, true, 21);
        ImmutableImage out = apply(Kind.PIXELATE, 10, in);
        for (int by = 0; by < 23; by += 10) {
            for (int bx = 0; bx < 35; bx += 10) {
                long sum = 0;
                int n = 0;
                for (int y = by; y < Math.min(by + 10, 23); y++) {
                    for (int x = bx; x < Math.min(bx + 10, 35); x++) {
                        assertEquals(argb(out, bx, by) & 0xFFFFFF, argb(out, x, y) & 0xFFFFFF, x + "," + y);
                        assertEquals(alpha(argb(in, x, y)), alpha(argb(out, x, y)));
                        sum += g(argb(in, x, y));
                        n++;
                    }
                }
                assertEquals(sum / n, g(argb(out, bx, by)));
            }
        }
    }

    @Test
    void vignetteDarkensTheCornersByTheAmountAndNotTheCentre() {
        ImmutableImage in = image(41, 31, true, (x, y) -> 0xA0C86432);
        ImmutableImage half = apply(Kind.VIGNETTE, 0.5, in);
        for (int[] c : new int[][]{{0, 0}, {40, 0}, {0, 30}, {40, 30}}) {
            assertEquals(0xA0643219, argb(half, c[0], c[1])); // (200,100,50) halved, alpha kept
            assertEquals(0xA0000000, argb(apply(Kind.VIGNETTE, 1, in), c[0], c[1]));
        }
        assertEquals(0xA0C86432, argb(half, 20, 15));
        assertEquals(0xA0C86432, argb(half, 25, 18)); // the middle is untouched, not only the centre pixel
        int edge = argb(half, 0, 15);
        assertTrue(r(edge) < 200 && r(edge) > 100, "edge midpoint partly darkened: " + Integer.toHexString(edge));
        assertTrue(r(argb(half, 5, 5)) < r(argb(half, 10, 8)), "darker towards the corner");
    }

    @Test
    void borderPaintsExactlyItsWidthInItsColourAndLeavesTheInside() {
        ImmutableImage in = random(40, 30, true, 13);
        ImmutableImage out = ImageFilters.apply(new FilterSpec(Kind.BORDER, 5, "#ff0000"), in, RUNTIME.parallel());
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                boolean border = x < 5 || x >= 35 || y < 5 || y >= 25;
                assertEquals(border ? 0xFFFF0000 : argb(in, x, y), argb(out, x, y), x + "," + y);
            }
        }
        // default colour black; on RGB too
        ImmutableImage rgb = apply(Kind.BORDER, 1, image(5, 5, false, (x, y) -> 0xFFFFFF));
        assertEquals(0xFF000000, argb(rgb, 0, 2));
        assertEquals(0xFFFFFFFF, argb(rgb, 1, 2));
        // a translucent colour is drawn over the pixels
        int tinted = argb(ImageFilters.apply(new FilterSpec(Kind.BORDER, 1, "#ff000080"),
                image(3, 3, false, (x, y) -> 0xFFFFFF), RUNTIME.parallel()), 0, 0);
        assertEquals(0xFFFF7F7F, tinted, Integer.toHexString(tinted));
    }

    @Test
    void aBorderWiderThanHalfTheImageFillsIt() {
        ImmutableImage out = ImageFilters.apply(new FilterSpec(Kind.BORDER, 1000, "#00ff00"), random(30, 20, true, 1),
                RUNTIME.parallel());
        for (int p : pixels(out)) {
            assertEquals(0xFF00FF00, p);
        }
        ImmutableImage odd = ImageFilters.apply(new FilterSpec(Kind.BORDER, 3, "#00ff00"), random(7, 5, false, 1),
                RUNTIME.parallel());
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(0xFF00FF00, argb(odd, x, y));
            }
        }
    }

    @Test
    void roundedCornersClearTheCornersOnly() {
        ImmutableImage in = image(60, 40, false, (x, y) -> 0x3366CC);
        ImmutableImage out = apply(Kind.ROUNDED_CORNERS, 10, in);
        assertEquals(BufferedImage.TYPE_INT_ARGB, out.getType());
        for (int[] c : new int[][]{{0, 0}, {59, 0}, {0, 39}, {59, 39}, {1, 1}, {58, 38}}) {
            assertEquals(0, alpha(argb(out, c[0], c[1])), c[0] + "," + c[1]);
        }
        for (int[] c : new int[][]{{30, 20}, {30, 0}, {30, 39}, {0, 20}, {59, 20}, {10, 0}, {0, 10}, {10, 10},
                {49, 29}, {5, 5}}) {
            assertEquals(0xFF3366CC, argb(out, c[0], c[1]), c[0] + "," + c[1]);
        }
        // the arc is anti-aliased: some pixels of the corner square are partly transparent; the colour stays
        int partial = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                int a = alpha(argb(out, x, y));
                partial += a > 0 && a < 255 ? 1 : 0;
                assertEquals(0x3366CC, argb(out, x, y) & 0xFFFFFF);
            }
        }
        assertTrue(partial >= 10, "partly covered pixels on the arc: " + partial);
        // symmetric
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 60; x++) {
                assertEquals(argb(out, x, y), argb(out, 59 - x, 39 - y));
            }
        }
        // an existing alpha is kept inside and multiplied on the arc
        ImmutableImage translucent = apply(Kind.ROUNDED_CORNERS, 10, image(60, 40, true, (x, y) -> 0x803366CC));
        assertEquals(0x803366CC, argb(translucent, 30, 20));
        assertEquals(0, alpha(argb(translucent, 0, 0)));
    }

    @Test
    void hugeRadiiAndBlocksAreClampedToTheImage() {
        ImmutableImage pill = apply(Kind.ROUNDED_CORNERS, 10_000, image(40, 20, false, (x, y) -> 0xFFFFFF));
        assertEquals(0, alpha(argb(pill, 0, 0)));
        assertEquals(0, alpha(argb(pill, 39, 19)));
        assertEquals(255, alpha(argb(pill, 20, 10)));
        assertEquals(255, alpha(argb(pill, 20, 0))); // the straight part of the pill's long side
        assertTrue(alpha(argb(pill, 0, 10)) > 200); // the pill's round end touches the short side's middle

        ImmutableImage block = apply(Kind.PIXELATE, 500, random(30, 30, false, 4));
        int[] px = pixels(block);
        for (int p : px) {
            assertEquals(px[0] & 0xFFFFFF, p & 0xFFFFFF);
        }

        ImmutableImage blurred = apply(Kind.BLUR, 100, image(9, 7, false, (x, y) -> x < 4 ? 0 : 0xFFFFFF));
        assertTrue(Math.abs(g(argb(blurred, 0, 0)) - g(argb(blurred, 8, 6))) < 40, "nearly uniform");
    }

    // ---- helpers ----

    private static ImmutableImage apply(Kind kind, double amount, ImmutableImage in) {
        return ImageFilters.apply(new FilterSpec(kind, amount), in, RUNTIME.parallel());
    }

    private static ImmutableImage image(int w, int h, boolean alpha, IntBinaryOperator argb) {
        BufferedImage img = Images.blank(w, h, alpha);
        int[] px = Images.pixels(img);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = argb.applyAsInt(x, y);
            }
        }
        return ImmutableImage.wrapAwt(img);
    }

    /** Random colours; with alpha, random alpha too (including fully transparent pixels with a colour). */
    private static ImmutableImage random(int w, int h, boolean alpha, long seed) {
        Random random = new Random(seed);
        return image(w, h, alpha, (x, y) -> {
            int p = random.nextInt();
            return alpha ? p : p & 0xFFFFFF;
        });
    }

    private static int[] pixels(ImmutableImage image) {
        return Images.pixels(image.awt());
    }

    /** The pixel as ARGB (an RGB image's pixels opaque). */
    private static int argb(ImmutableImage image, int x, int y) {
        return image.awt().getRGB(x, y);
    }

    private static int alpha(int p) {
        return p >>> 24;
    }

    private static int r(int p) {
        return (p >> 16) & 0xFF;
    }

    private static int g(int p) {
        return (p >> 8) & 0xFF;
    }

    private static int b(int p) {
        return p & 0xFF;
    }

    private static int chroma(int p) {
        return Math.max(r(p), Math.max(g(p), b(p))) - Math.min(r(p), Math.min(g(p), b(p)));
    }
}
