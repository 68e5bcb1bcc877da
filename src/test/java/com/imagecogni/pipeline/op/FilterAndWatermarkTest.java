package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.model.FilterSpec;
import com.imagecogni.pipeline.model.Gravity;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.WatermarkSpec;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static com.imagecogni.pipeline.TestImages.blue;
import static com.imagecogni.pipeline.TestImages.green;
import static com.imagecogni.pipeline.TestImages.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterAndWatermarkTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static BufferedImage apply(Operation op, BufferedImage img) {
        return op.apply(new Rendition(img, List.of(), ImageFormat.PNG, EncodeOptions.DEFAULT)).get(0).awt();
    }

    private static BufferedImage filter(FilterSpec.Kind kind, double amount, BufferedImage img) {
        return apply(new FilterOperation(new FilterSpec(kind, amount), RUNTIME), img);
    }

    @Test
    void colourFilters() {
        BufferedImage src = TestImages.filled(8, 8, new Color(200, 100, 50));
        int gray = filter(FilterSpec.Kind.GRAYSCALE, 1, src).getRGB(3, 3);
        assertEquals(red(gray), green(gray));
        assertEquals(green(gray), blue(gray));
        assertEquals(124, red(gray), 1); // 0.299*200 + 0.587*100 + 0.114*50
        int sepia = filter(FilterSpec.Kind.SEPIA, 1, src).getRGB(3, 3);
        assertTrue(red(sepia) > green(sepia) && green(sepia) > blue(sepia));
        assertEquals(0xFFFFFFFF, filter(FilterSpec.Kind.BRIGHTNESS, 1, TestImages.filled(4, 4, new Color(128, 128, 128))).getRGB(0, 0));
        assertEquals(100, red(filter(FilterSpec.Kind.BRIGHTNESS, -0.5, src).getRGB(0, 0)));
        assertEquals(0xFF808080, filter(FilterSpec.Kind.CONTRAST, -1, src).getRGB(0, 0));
        assertEquals(255, red(filter(FilterSpec.Kind.CONTRAST, 1, src).getRGB(0, 0)));
        assertEquals(src.getRGB(0, 0), filter(FilterSpec.Kind.CONTRAST, 0, src).getRGB(0, 0));
    }

    @Test
    void blurSpreadsAnEdgeAndSharpenSteepensIt() {
        BufferedImage edge = TestImages.filled(60, 10, Color.BLACK);
        for (int y = 0; y < 10; y++) {
            for (int x = 30; x < 60; x++) {
                edge.setRGB(x, y, 0xC0C0C0);
            }
        }
        BufferedImage blurred = filter(FilterSpec.Kind.BLUR, 3, edge);
        int left = red(blurred.getRGB(28, 5));
        int right = red(blurred.getRGB(31, 5));
        assertTrue(left > 20 && right < 172, "blur softens the edge: " + left + " / " + right);
        assertEquals(0, red(blurred.getRGB(2, 5)), "far from the edge nothing changes");
        BufferedImage sharp = filter(FilterSpec.Kind.SHARPEN, 2, filter(FilterSpec.Kind.BLUR, 1, edge));
        BufferedImage soft = filter(FilterSpec.Kind.BLUR, 1, edge);
        assertTrue(red(sharp.getRGB(31, 5)) > red(soft.getRGB(31, 5)), "sharpen raises the bright side of the edge");
    }

    @Test
    void textWatermarkLandsInItsCornerOnly() {
        BufferedImage src = TestImages.filled(300, 200, Color.BLACK);
        BufferedImage out = apply(new WatermarkOperation(
                WatermarkSpec.text("imagecogni", Gravity.SOUTHEAST, 1.0, 10, 24, "#ffffff"), RUNTIME), src);
        assertTrue(litPixels(out, 150, 100, 300, 200) > 50, "text drawn bottom-right");
        assertEquals(0, litPixels(out, 0, 0, 150, 100), "nothing top-left");
        assertEquals(0, litPixels(out, 291, 0, 300, 200), "margin kept on the right");
        assertEquals(0, litPixels(src, 0, 0, 300, 200), "the input rendition is not modified");
    }

    @Test
    void imageWatermarkHonoursPositionMarginAndOpacity() {
        byte[] mark = TestImages.encode(TestImages.filled(20, 10, Color.WHITE), "png");
        BufferedImage src = TestImages.filled(100, 80, Color.BLACK);
        BufferedImage full = apply(new WatermarkOperation(WatermarkSpec.image(mark, Gravity.NORTHWEST, 1.0, 5),
                RUNTIME), src);
        assertEquals(0xFFFFFFFF, full.getRGB(5, 5));
        assertEquals(0xFFFFFFFF, full.getRGB(24, 14));
        assertEquals(0xFF000000, full.getRGB(4, 5));
        assertEquals(0xFF000000, full.getRGB(25, 5));
        BufferedImage half = apply(new WatermarkOperation(WatermarkSpec.image(mark, Gravity.NORTHWEST, 0.5, 5),
                RUNTIME), src);
        assertEquals(128, red(half.getRGB(10, 10)), 2);
        BufferedImage none = apply(new WatermarkOperation(WatermarkSpec.image(mark, Gravity.NORTHWEST, 0.0, 5),
                RUNTIME), src);
        assertEquals(0xFF000000, none.getRGB(10, 10));
    }

    @Test
    void unusableWatermarkImageIsATypedFailure() {
        ProcessingFailedException e = assertThrows(ProcessingFailedException.class, () -> new WatermarkOperation(
                WatermarkSpec.image("not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        Gravity.CENTER, 1, 0), RUNTIME));
        assertEquals(FailureReason.INVALID_WATERMARK, e.reason());
        assertNotEquals(null, e.getMessage());
    }

    private static int litPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
