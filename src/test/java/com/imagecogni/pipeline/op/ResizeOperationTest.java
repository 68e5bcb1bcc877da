package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import com.imagecogni.pipeline.model.Template;
import com.imagecogni.pipeline.model.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Stream;

import static com.imagecogni.pipeline.TestImages.blue;
import static com.imagecogni.pipeline.TestImages.green;
import static com.imagecogni.pipeline.TestImages.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResizeOperationTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    /** 400x300 source used for every geometry case below. */
    private static final BufferedImage SOURCE = TestImages.gradient(400, 300);

    static List<Rendition> run(BufferedImage img, ResizeSpec spec) {
        Rendition in = new Rendition(img, List.of(), ImageFormat.PNG, EncodeOptions.DEFAULT);
        return new ResizeOperation(spec, 50_000_000L, RUNTIME).apply(in);
    }

    private static String dims(SizeSpec size, Fit fit, boolean upscale) {
        BufferedImage out = run(SOURCE, new ResizeSpec(List.of(size), fit, upscale, null)).get(0).awt();
        return out.getWidth() + "x" + out.getHeight();
    }

    @ParameterizedTest(name = "{0} {1}x{2} upscale={3} -> {4}")
    @CsvSource({
        // downscales: upscale flag irrelevant
        "contain, 200, 200, false, 200x150",
        "cover,   200, 200, false, 200x200",
        "fill,    200, 100, false, 200x100",
        "pad,     200, 200, false, 200x200",
        "contain, 100, 300, false, 100x75",
        // box larger than the source, no upscaling
        "contain, 800, 800, false, 400x300",
        "cover,   800, 800, false, 300x300",
        "cover,   800, 200, false, 400x100",
        "fill,    800, 400, false, 400x200",
        "pad,     800, 800, false, 800x800",
        // box larger than the source, upscaling allowed
        "contain, 800, 800, true,  800x600",
        "cover,   800, 800, true,  800x800",
        "fill,    800, 400, true,  800x400",
        "pad,     800, 800, true,  800x800",
    })
    void boxFits(String fit, int w, int h, boolean upscale, String expected) {
        assertEquals(expected, dims(SizeSpec.box(w, h), Fit.parse(fit), upscale));
    }

    @ParameterizedTest(name = "{0} upscale={1} -> {2}")
    @CsvSource({
        "w100,  false, 100x75",
        "h150,  false, 200x150",
        "w1000, false, 400x300",
        "w1000, true,  1000x750",
        "h600,  true,  800x600",
        "p50,   false, 200x150",
        "p25,   true,  100x75",
        "p200,  false, 400x300",
        "p200,  true,  800x600",
    })
    void singleEdgeAndPercent(String size, boolean upscale, String expected) {
        int v = Integer.parseInt(size.substring(1));
        SizeSpec spec = switch (size.charAt(0)) {
            case 'w' -> SizeSpec.width(v);
            case 'h' -> SizeSpec.height(v);
            default -> SizeSpec.percent(v);
        };
        for (Fit fit : Fit.values()) {
            assertEquals(expected, dims(spec, fit, upscale), "fit " + fit);
        }
    }

    static Stream<Template> templates() {
        return Templates.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void templatesProduceExactlyTheirSize(Template t) {
        // The operation's contain fit and upscale=false do not apply to a template size without its own fit.
        assertEquals(t.width() + "x" + t.height(), dims(SizeSpec.template(t.name()), Fit.CONTAIN, false));
    }

    @Test
    void templateWithItsOwnFitFollowsThatFit() {
        SizeSpec contain = SizeSpec.template("instagram-square").withFit(Fit.CONTAIN);
        assertEquals("400x300", dims(contain, Fit.COVER, false));
        assertEquals("1080x810", dims(contain, Fit.COVER, true));
    }

    @Test
    void perSizeFitOverridesTheOperationFit() {
        assertEquals("150x150", dims(SizeSpec.box(150, 150).withFit(Fit.FILL), Fit.CONTAIN, false));
        assertEquals("150x113", dims(SizeSpec.box(150, 150).withFit(Fit.CONTAIN), Fit.FILL, false));
    }

    @Test
    void coverKeepsTheCentreAndCropsTheSides() {
        // red | green (middle half) | blue: a centred square crop of the 2:1 image shows only green
        BufferedImage src = TestImages.filled(400, 200, Color.GREEN);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 100; x++) {
                src.setRGB(x, y, 0xFF0000);
                src.setRGB(399 - x, y, 0x0000FF);
            }
        }
        BufferedImage out = run(src, ResizeSpec.of(Fit.COVER, SizeSpec.box(100, 100))).get(0).awt();
        assertEquals(100, out.getWidth());
        for (int x : new int[] {3, 50, 96}) {
            int p = out.getRGB(x, 50);
            assertTrue(green(p) > 240 && red(p) < 15 && blue(p) < 15, "column " + x + " is green: " + Integer.toHexString(p));
        }
    }

    @Test
    void padCentresTheImageOnTheBackground() {
        BufferedImage src = TestImages.filled(400, 200, Color.GREEN);
        BufferedImage red = run(src, ResizeSpec.of(Fit.PAD, SizeSpec.box(100, 100)).withBackground("#ff0000")).get(0).awt();
        assertEquals(0xFFFF0000, red.getRGB(50, 5));   // band above the 100x50 image
        assertEquals(0xFFFF0000, red.getRGB(50, 94));  // band below
        assertEquals(0xFF00FF00, red.getRGB(50, 50));  // the image itself
        BufferedImage clear = run(src, ResizeSpec.of(Fit.PAD, SizeSpec.box(100, 100))).get(0).awt();
        assertEquals(0, clear.getRGB(50, 5) >>> 24, "default padding is transparent");
        assertEquals(255, clear.getRGB(50, 50) >>> 24);
    }

    @Test
    void everySizeIsOneNamedRenditionAndRepeatsAreSuffixed() {
        ResizeSpec spec = ResizeSpec.of(Fit.CONTAIN, SizeSpec.box(40, 30), SizeSpec.width(80), SizeSpec.height(60),
                SizeSpec.percent(10), SizeSpec.template("facebook-cover"), SizeSpec.width(20).withName("thumb"),
                SizeSpec.width(80), SizeSpec.width(10).withName("../evil"));
        List<String> names = run(SOURCE, spec).stream().map(Rendition::variant).toList();
        assertEquals(List.of("40x30", "80w", "60h", "10pct", "facebook-cover", "thumb", "80w-2", "_evil"), names);
    }

    @Test
    void outputLargerThanTheLimitIsRefused() {
        Rendition in = new Rendition(SOURCE, List.of(), ImageFormat.PNG, EncodeOptions.DEFAULT);
        ResizeSpec huge = new ResizeSpec(List.of(SizeSpec.percent(1000)), Fit.CONTAIN, true, null);
        ProcessingFailedException e = assertThrows(ProcessingFailedException.class,
                () -> new ResizeOperation(huge, 1_000_000L, RUNTIME).apply(in));
        assertEquals(FailureReason.OUTPUT_TOO_LARGE, e.reason());
    }
}
