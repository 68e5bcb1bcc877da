package com.imagecogni.pipeline.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecValidationTest {

    private static List<SizeSpec> widths(int n) {
        List<SizeSpec> sizes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            sizes.add(SizeSpec.width(i * 10));
        }
        return sizes;
    }

    @Test
    void resizeAcceptsTwentySizesAndRefusesTwentyOneOrNone() {
        assertEquals(20, new ResizeSpec(widths(20), null, false, null).outputsPerInput());
        assertThrows(IllegalArgumentException.class, () -> new ResizeSpec(widths(21), null, false, null));
        assertThrows(IllegalArgumentException.class, () -> new ResizeSpec(List.of(), null, false, null));
    }

    @Test
    void resizeDefaultsToContainAndChecksBackground() {
        assertEquals(Fit.CONTAIN, new ResizeSpec(widths(1), null, false, null).fit());
        assertThrows(IllegalArgumentException.class, () -> new ResizeSpec(widths(1), Fit.PAD, false, "pink-ish"));
        new ResizeSpec(widths(1), Fit.PAD, false, "#ff000080");
    }

    @Test
    void sizeNeedsExactlyOneKind() {
        assertThrows(IllegalArgumentException.class, () -> new SizeSpec(null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SizeSpec(100, null, 50, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SizeSpec(null, null, 50, "instagram-square", null, null));
        assertThrows(IllegalArgumentException.class, () -> SizeSpec.width(0));
        assertThrows(IllegalArgumentException.class, () -> SizeSpec.width(SizeSpec.MAX_EDGE + 1));
        assertThrows(IllegalArgumentException.class, () -> SizeSpec.percent(0));
        assertThrows(IllegalArgumentException.class, () -> SizeSpec.template("myspace-banner"));
        assertThrows(IllegalArgumentException.class, () -> SizeSpec.width(10).withName("  "));
    }

    @Test
    void sizeFolderNamesFollowSpecSection7() {
        assertEquals("1200x630", SizeSpec.box(1200, 630).folderName());
        assertEquals("800w", SizeSpec.width(800).folderName());
        assertEquals("600h", SizeSpec.height(600).folderName());
        assertEquals("50pct", SizeSpec.percent(50).folderName());
        assertEquals("instagram-square", SizeSpec.template("instagram-square").folderName());
        assertEquals("hero", SizeSpec.box(10, 10).withName("hero").folderName());
    }

    @Test
    void otherOperationsRejectImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> new RotateSpec(45));
        assertThrows(IllegalArgumentException.class, () -> new RotateSpec(0));
        assertThrows(IllegalArgumentException.class, () -> new FlipSpec(null));
        assertThrows(IllegalArgumentException.class, () -> new ConvertSpec(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ConvertSpec.of(ImageFormat.JPEG, ImageFormat.JPEG));
        assertThrows(IllegalArgumentException.class, () -> ConvertSpec.of(ImageFormat.BMP));
        assertThrows(IllegalArgumentException.class, () -> CompressSpec.quality(0));
        assertThrows(IllegalArgumentException.class, () -> CompressSpec.quality(101));
        assertThrows(IllegalArgumentException.class, () -> new FilterSpec(FilterSpec.Kind.BLUR, 0));
        assertThrows(IllegalArgumentException.class, () -> new FilterSpec(FilterSpec.Kind.BRIGHTNESS, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new FilterSpec(FilterSpec.Kind.SEPIA, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CropSpec.box(0, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> CropSpec.aspect("16/9", Gravity.CENTER));
        assertThrows(IllegalArgumentException.class, () -> CropSpec.aspect("0:9", Gravity.CENTER));
        assertThrows(IllegalArgumentException.class, () -> new CropSpec(0, 0, 10, 10, "1:1", null));
        assertThrows(IllegalArgumentException.class, () -> WatermarkSpec.text("x", Gravity.SMART, 0.5, 0, 20, null));
        assertThrows(IllegalArgumentException.class, () -> WatermarkSpec.text("x", Gravity.CENTER, 1.5, 0, 20, null));
        assertThrows(IllegalArgumentException.class, () -> new WatermarkSpec(null, null, null, 1, 0, 20, null, null));
        assertEquals(4, ConvertSpec.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.GIF).outputsPerInput());
    }

    @Test
    void outputFormatsParseAndNonWritableSourcesFallBackToPng() {
        assertEquals(ImageFormat.JPEG, ImageFormat.parseOutput("jpeg").orElseThrow());
        assertEquals(ImageFormat.JPEG, ImageFormat.parseOutput("JPG").orElseThrow());
        assertTrue(ImageFormat.parseOutput("bmp").isEmpty());
        assertEquals(ImageFormat.PNG, ImageFormat.BMP.defaultOutput());
        assertEquals(ImageFormat.PNG, ImageFormat.TIFF.defaultOutput());
        assertEquals(ImageFormat.WEBP, ImageFormat.WEBP.defaultOutput());
        assertEquals("jpg", ImageFormat.JPEG.extension());
    }

    @Test
    void templatesIncludeEverySpecTemplateWithItsSize() {
        Map<String, int[]> required = Map.of(
                "facebook-cover", new int[] {820, 312}, "facebook-post", new int[] {1200, 630},
                "instagram-square", new int[] {1080, 1080}, "instagram-portrait", new int[] {1080, 1350},
                "instagram-story", new int[] {1080, 1920}, "twitter-post", new int[] {1600, 900},
                "linkedin-post", new int[] {1200, 627}, "youtube-thumbnail", new int[] {1280, 720},
                "pinterest-pin", new int[] {1000, 1500});
        required.forEach((name, wh) -> {
            Template t = Templates.find(name).orElseThrow(() -> new AssertionError("missing " + name));
            assertEquals(wh[0], t.width(), name);
            assertEquals(wh[1], t.height(), name);
        });
        assertTrue(Templates.all().size() >= required.size());
    }
}
