package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.WatermarkFont;
import com.imagecogni.pipeline.model.BlendMode;
import com.imagecogni.pipeline.model.FlipSpec;
import com.imagecogni.pipeline.model.Gravity;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.TrimSpec;
import com.imagecogni.pipeline.model.WatermarkSpec;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static com.imagecogni.pipeline.TestImages.blue;
import static com.imagecogni.pipeline.TestImages.green;
import static com.imagecogni.pipeline.TestImages.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Trim, flip and the watermark blend modes on generated images, checked pixel by pixel. */
class TrimAndBlendTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final int GREY = 0x808080;

    private static Rendition run(Operation op, BufferedImage img) {
        return op.apply(new Rendition(img, List.of(), ImageFormat.PNG, EncodeOptions.DEFAULT)).get(0);
    }

    /** 100x80 white, with a content box from (7,3) to (88,74) inclusive: red inside, a blue outline. */
    private static BufferedImage framedContent(int noise) {
        BufferedImage img = TestImages.filled(100, 80, Color.WHITE);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 100; x++) {
                boolean inside = x >= 7 && x <= 88 && y >= 3 && y <= 74;
                boolean outline = inside && (x == 7 || x == 88 || y == 3 || y == 74);
                int border = 255 - ((x * 7 + y * 3) % (noise + 1)); // white with up to `noise` levels of grain
                img.setRGB(x, y, outline ? 0x0000FF : inside ? 0xFF0000 : border << 16 | border << 8 | border);
            }
        }
        return img;
    }

    @Test
    void trimRemovesExactlyTheBorder() {
        BufferedImage out = run(new TrimOperation(new TrimSpec(0)), framedContent(0)).awt();
        assertEquals(82, out.getWidth());
        assertEquals(72, out.getHeight());
        for (int[] edge : new int[][] {{0, 0}, {81, 0}, {0, 71}, {81, 71}, {40, 0}, {0, 30}}) {
            assertEquals(0x0000FF, out.getRGB(edge[0], edge[1]) & 0xFFFFFF, "outline at " + edge[0] + "," + edge[1]);
        }
        assertEquals(0xFF0000, out.getRGB(40, 30) & 0xFFFFFF);
    }

    @Test
    void trimThresholdDecidesWhatCountsAsBorder() {
        BufferedImage grainy = framedContent(8);
        assertEquals(82, run(new TrimOperation(new TrimSpec(10)), grainy).awt().getWidth());
        assertEquals(100, run(new TrimOperation(new TrimSpec(4)), grainy).awt().getWidth(), "grain above the threshold stays");
    }

    @Test
    void trimLeavesAUniformImageAndATransparentBorderIsTrimmed() {
        BufferedImage flat = TestImages.filled(30, 20, Color.GREEN);
        Rendition in = new Rendition(flat, List.of(), ImageFormat.PNG, EncodeOptions.DEFAULT);
        assertSame(in.image(), new TrimOperation(new TrimSpec(10)).apply(in).get(0).image());

        BufferedImage logo = Images.blank(40, 30, true); // transparent, with an opaque 10x6 block at (12, 9)
        for (int y = 9; y < 15; y++) {
            for (int x = 12; x < 22; x++) {
                logo.setRGB(x, y, 0xFF336699);
            }
        }
        BufferedImage out = run(new TrimOperation(new TrimSpec(10)), logo).awt();
        assertEquals(10, out.getWidth());
        assertEquals(6, out.getHeight());
        assertEquals(0xFF336699, out.getRGB(0, 0));
    }

    /** A white 40x30 frame with a red box at (x, y) of w x h. */
    private static BufferedImage frameWithBox(int x, int y, int w, int h) {
        return frameWithBox(40, 30, x, y, w, h);
    }

    private static BufferedImage frameWithBox(int frameWidth, int frameHeight, int x, int y, int w, int h) {
        BufferedImage f = TestImages.filled(frameWidth, frameHeight, Color.WHITE);
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                f.setRGB(i, j, 0xFF0000);
            }
        }
        return f;
    }

    @Test
    void anAnimationLosesOnlyTheBorderEveryFrameHasAndAllFramesKeepOneSize() {
        List<BufferedImage> frames = List.of(frameWithBox(5, 5, 6, 6), frameWithBox(20, 12, 11, 9),
                TestImages.filled(40, 30, Color.WHITE));
        Rendition animated = new Rendition(frames.get(0), List.of(), ImageFormat.GIF, EncodeOptions.DEFAULT)
                .withAnimation(new Animation(frames, List.of(100, 200, 300), 0));
        Rendition out = AnimationSteps.apply(new TrimOperation(new TrimSpec(0)), animated, Long.MAX_VALUE).get(0);
        assertEquals(3, out.animation().frames().size());
        for (BufferedImage f : out.animation().frames()) {
            assertEquals(26, f.getWidth(), "union of (5,5)-(10,10) and (20,12)-(30,20) is 26 wide");
            assertEquals(16, f.getHeight());
        }
        assertEquals(0xFF0000, out.animation().frames().get(0).getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFF0000, out.animation().frames().get(1).getRGB(25, 15) & 0xFFFFFF);
        assertEquals(List.of(100, 200, 300), out.animation().durationsMillis());
    }

    @Test
    void aSmartCropWindowIsChosenOnceForAllFrames() {
        List<BufferedImage> frames = List.of(TestImages.markedCorners(80, 40, 10), frameWithBox(80, 40, 50, 5, 20, 20));
        Rendition animated = new Rendition(frames.get(0), List.of(), ImageFormat.GIF, EncodeOptions.DEFAULT)
                .withAnimation(new Animation(frames, List.of(100, 100), 0));
        Operation crop = new CropOperation(com.imagecogni.pipeline.model.CropSpec.aspect("1:1", Gravity.SMART));
        Rendition out = AnimationSteps.apply(crop, animated, Long.MAX_VALUE).get(0);
        BufferedImage first = crop.apply(animated.frame(frames.get(0))).get(0).awt();
        int x = -1;
        for (int cand = 0; cand <= 40 && x < 0; cand++) { // where the first frame's window sits in the source
            if (Images.region(frames.get(0), cand, 0, 40, 40).getRGB(0, 0) == first.getRGB(0, 0)
                    && java.util.Arrays.equals(rgb(Images.region(frames.get(0), cand, 0, 40, 40)), rgb(first))) {
                x = cand;
            }
        }
        assertEquals(true, x >= 0, "the first frame's window is found in the source");
        assertEquals(java.util.Arrays.toString(rgb(Images.region(frames.get(1), x, 0, 40, 40))),
                java.util.Arrays.toString(rgb(out.animation().frames().get(1))), "frame 2 is cut at frame 1's window");
    }

    private static int[] rgb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void flipMirrorsPixels() {
        BufferedImage src = TestImages.markedCorners(40, 20, 5); // blocks in the top-left and top-right corners
        BufferedImage h = run(new FlipOperation(new FlipSpec(FlipSpec.Direction.HORIZONTAL)), src).awt();
        BufferedImage v = run(new FlipOperation(new FlipSpec(FlipSpec.Direction.VERTICAL)), src).awt();
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 20; y++) {
                assertEquals(src.getRGB(x, y), h.getRGB(39 - x, y));
                assertEquals(src.getRGB(x, y), v.getRGB(x, 19 - y));
            }
        }
    }

    /** A 10x10 mark of (200,100,50), its right half transparent, blended at the top-left corner of a grey image. */
    private static BufferedImage blend(BlendMode mode, double opacity) {
        BufferedImage mark = Images.blank(10, 10, true);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 5; x++) {
                mark.setRGB(x, y, 0xFFC86432);
            }
        }
        WatermarkSpec spec = new WatermarkSpec(null, TestImages.encode(mark, "png"), Gravity.NORTHWEST, opacity, 0, 24,
                null, mode);
        return run(new WatermarkOperation(spec, RUNTIME), TestImages.filled(40, 40, new Color(GREY))).awt();
    }

    private static void assertRgb(int r, int g, int b, int actual, String what) {
        assertEquals(r, red(actual), 1, what + " red");
        assertEquals(g, green(actual), 1, what + " green");
        assertEquals(b, blue(actual), 1, what + " blue");
    }

    @Test
    void blendModesGiveTheirColourUnderTheMarkOnly() {
        assertRgb(200, 100, 50, blend(BlendMode.NORMAL, 1).getRGB(2, 2), "normal");
        assertRgb(164, 114, 89, blend(BlendMode.NORMAL, 0.5).getRGB(2, 2), "normal at half opacity");
        assertRgb(100, 50, 25, blend(BlendMode.MULTIPLY, 1).getRGB(2, 2), "multiply: 128 x c / 256");
        assertRgb(228, 179, 154, blend(BlendMode.SCREEN, 1).getRGB(2, 2), "screen: 255 - (255-c)(127) / 256");
        assertRgb(201, 102, 52, blend(BlendMode.OVERLAY, 1).getRGB(2, 2), "overlay over mid-grey");
        for (BlendMode mode : BlendMode.values()) {
            BufferedImage out = blend(mode, 1);
            // the mark's transparent half and everything outside the mark keep the grey (Scrimage's composite
            // alone would multiply a transparent pixel to black)
            assertEquals(GREY, out.getRGB(7, 2) & 0xFFFFFF, mode + " under the transparent half");
            assertEquals(GREY, out.getRGB(20, 20) & 0xFFFFFF, mode + " outside the mark");
        }
    }

    @Test
    void textIsDrawnInTheShippedFontInsideTheMargins() {
        assertEquals("DejaVu Sans", WatermarkFont.ofSize(20).getFamily());
        WatermarkSpec spec = new WatermarkSpec("MARK", null, Gravity.SOUTHEAST, 1, 10, 20, "#000000", BlendMode.MULTIPLY);
        BufferedImage out = run(new WatermarkOperation(spec, RUNTIME), TestImages.filled(200, 100, Color.WHITE)).awt();
        int dark = 0;
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                boolean changed = (out.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF;
                if (changed) {
                    dark++;
                    assertEquals(true, x >= 100 && x < 190 && y >= 60 && y < 90, "ink outside the bottom-right box at "
                            + x + "," + y);
                }
            }
        }
        assertEquals(true, dark > 100, "the text left ink: " + dark + " pixels");
    }
}
