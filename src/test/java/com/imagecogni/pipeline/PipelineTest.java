package com.imagecogni.pipeline;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.CropSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.FlipSpec;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.RotateSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final Pipeline PIPELINE = new Pipeline(50_000_000L, RUNTIME);
    private static final BufferedImage SOURCE = TestImages.markedCorners(400, 200, 20);

    private static List<Output> run(ImageFormat source, OperationSpec... ops) {
        return PIPELINE.run(SOURCE, List.of(ops), source);
    }

    private static List<String> paths(List<Output> outputs) {
        return outputs.stream().map(o -> o.variant() + "/" + o.extension() + " " + o.width() + "x" + o.height()).toList();
    }

    @Test
    void noOperationsReencodesTheOriginal() {
        assertEquals(List.of("original/jpg 400x200"), paths(run(ImageFormat.JPEG)));
        assertEquals(List.of("original/png 400x200"), paths(run(ImageFormat.BMP)));
        assertEquals(List.of("original/png 400x200"), paths(run(ImageFormat.TIFF)));
        assertEquals(List.of("original/webp 400x200"), paths(run(ImageFormat.WEBP)));
    }

    @Test
    void orderMatters_rotateThenCropDiffersFromCropThenRotate() {
        CropSpec crop = CropSpec.box(0, 0, 100, 50);
        Output rotateFirst = run(ImageFormat.PNG, new RotateSpec(90), crop).get(0);
        Output cropFirst = run(ImageFormat.PNG, crop, new RotateSpec(90)).get(0);
        assertEquals("100x50", rotateFirst.width() + "x" + rotateFirst.height());
        assertEquals("50x100", cropFirst.width() + "x" + cropFirst.height());
        // rotating 90 cw moves the stored top-left (red) to the top-right: the first crop sees grey, the second red
        BufferedImage a = TestImages.decodePlain(rotateFirst.bytes());
        BufferedImage b = TestImages.decodePlain(cropFirst.bytes());
        assertEquals(0xFF808080, a.getRGB(5, 5));
        assertEquals(0xFFFF0000, b.getRGB(45, 5));
    }

    @Test
    void rotateAndFlipMovePixelsLosslessly() {
        BufferedImage r180 = TestImages.decodePlain(run(ImageFormat.PNG, new RotateSpec(180)).get(0).bytes());
        assertEquals(0xFFFF0000, r180.getRGB(399, 199));
        BufferedImage r270 = TestImages.decodePlain(run(ImageFormat.PNG, new RotateSpec(270)).get(0).bytes());
        assertEquals(200, r270.getWidth());
        assertEquals(0xFFFF0000, r270.getRGB(0, 399));
        BufferedImage h = TestImages.decodePlain(run(ImageFormat.PNG, new FlipSpec(FlipSpec.Direction.HORIZONTAL)).get(0).bytes());
        assertEquals(0xFFFF0000, h.getRGB(399, 0));
        assertEquals(0xFF0000FF, h.getRGB(0, 0));
        BufferedImage v = TestImages.decodePlain(run(ImageFormat.PNG, new FlipSpec(FlipSpec.Direction.VERTICAL)).get(0).bytes());
        assertEquals(0xFFFF0000, v.getRGB(0, 199));
    }

    @Test
    void eachStepAppliesToEveryOutputOfThePreviousOne() {
        List<Output> out = run(ImageFormat.JPEG,
                ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(200), SizeSpec.percent(25)),
                ResizeSpec.of(Fit.COVER, SizeSpec.box(50, 50), SizeSpec.height(40)),
                CompressSpec.quality(70),
                ConvertSpec.of(ImageFormat.WEBP, ImageFormat.JPEG));
        assertEquals(List.of(
                "200w__50x50/webp 50x50", "200w__50x50/jpg 50x50", "200w__40h/webp 80x40", "200w__40h/jpg 80x40",
                "25pct__50x50/webp 50x50", "25pct__50x50/jpg 50x50", "25pct__40h/webp 80x40", "25pct__40h/jpg 80x40"),
                paths(out));
        assertEquals(CreditCalculator.creditsPerSource(List.of(
                ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(200), SizeSpec.percent(25)),
                ResizeSpec.of(Fit.COVER, SizeSpec.box(50, 50), SizeSpec.height(40)),
                CompressSpec.quality(70), ConvertSpec.of(ImageFormat.WEBP, ImageFormat.JPEG))), 2 + 4 + 4 + 8);
    }

    @Test
    void repeatedConvertsNeverCollide() {
        List<Output> out = run(ImageFormat.PNG, ConvertSpec.of(ImageFormat.WEBP, ImageFormat.JPEG),
                ConvertSpec.of(ImageFormat.PNG, ImageFormat.JPEG));
        assertEquals(List.of("original/png 400x200", "original/jpg 400x200", "original-2/png 400x200",
                "original-2/jpg 400x200"), paths(out));
    }

    @Test
    void aspectCropUsesGravity() {
        Output west = run(ImageFormat.PNG, CropSpec.aspect("1:1", com.imagecogni.pipeline.model.Gravity.WEST)).get(0);
        Output east = run(ImageFormat.PNG, CropSpec.aspect("1:1", com.imagecogni.pipeline.model.Gravity.EAST)).get(0);
        assertEquals(200, west.width());
        assertEquals(200, west.height());
        assertEquals(0xFFFF0000, TestImages.decodePlain(west.bytes()).getRGB(0, 0));
        assertEquals(0xFF0000FF, TestImages.decodePlain(east.bytes()).getRGB(199, 0));
    }

    @Test
    void smartCropFindsTheDetailedRegion() {
        BufferedImage flatWithDetail = TestImages.filled(600, 200, java.awt.Color.GRAY);
        for (int y = 0; y < 200; y++) {
            for (int x = 420; x < 580; x++) {
                flatWithDetail.setRGB(x, y, ((x / 3 + y / 3) % 2 == 0) ? 0xFFFFFF : 0x000000);
            }
        }
        Output out = PIPELINE.run(flatWithDetail, List.of(CropSpec.aspect("1:1", com.imagecogni.pipeline.model.Gravity.SMART)),
                ImageFormat.PNG).get(0);
        BufferedImage img = TestImages.decodePlain(out.bytes());
        assertEquals(200, img.getWidth());
        assertNotEquals(0xFF808080, img.getRGB(100, 100), "window should sit on the patterned area");
    }

    @Test
    void cropOutsideTheImageIsATypedFailure() {
        ProcessingFailedException e = assertThrows(ProcessingFailedException.class,
                () -> run(ImageFormat.PNG, CropSpec.box(500, 0, 10, 10)));
        assertEquals(FailureReason.CROP_OUTSIDE_IMAGE, e.reason());
        Output clipped = run(ImageFormat.PNG, CropSpec.box(350, 150, 100, 100)).get(0);
        assertEquals("50x50", clipped.width() + "x" + clipped.height());
    }

    @Test
    void sourceProcessorTurnsEveryFailureIntoATypedException() {
        SourceProcessor p = new SourceProcessor(DecodeLimits.defaults(), RUNTIME);
        PipelineException bad = assertThrows(PipelineException.class,
                () -> p.process("GIF89a-but-not-really".getBytes(java.nio.charset.StandardCharsets.US_ASCII), List.of()));
        assertEquals(FailureReason.CORRUPT_IMAGE, bad.reason());
        byte[] png = TestImages.encode(TestImages.gradient(50, 40), "png");
        assertEquals(FailureReason.CROP_OUTSIDE_IMAGE, assertThrows(PipelineException.class,
                () -> p.process(png, List.of(CropSpec.box(60, 0, 5, 5)))).reason());
        assertEquals(ImageFormat.PNG, p.process(png, List.of()).get(0).format());
    }

    @Test
    void thePipelineRefusesMoreOutputsThanItsCapWhateverTheSpecsSay() {
        // specs that never went through validation (a version stored before the cap): refused before any pixel work
        ResizeSpec three = ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(4), SizeSpec.width(5), SizeSpec.width(6));
        BufferedImage image = TestImages.gradient(8, 8);
        TooManyOutputsException e = assertThrows(TooManyOutputsException.class,
                () -> new Pipeline(50_000_000L, 8, RUNTIME).run(image, List.of(three, three), ImageFormat.PNG));
        assertEquals(FailureReason.TOO_MANY_OUTPUTS, e.reason());
        assertEquals(9,
                new Pipeline(50_000_000L, 9, RUNTIME).run(image, List.of(three, three), ImageFormat.PNG).size());
    }

    @Test
    void aRunStopsAtItsDeadlineInsteadOfFinishingEveryRendition() {
        SizeSpec[] sizes = new SizeSpec[20];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = SizeSpec.width(1900 - i);
        }
        ResizeSpec twenty = ResizeSpec.of(Fit.CONTAIN, sizes).withUpscale(true);
        BufferedImage image = TestImages.gradient(2000, 1500);
        long started = System.nanoTime();
        ProcessingFailedException e = assertThrows(ProcessingFailedException.class, () -> new Pipeline(50_000_000L, RUNTIME)
                .run(image, List.of(twenty, twenty), ImageFormat.PNG, Deadline.in(java.time.Duration.ofMillis(300))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(FailureReason.TIME_LIMIT_EXCEEDED, e.reason());
        // 400 renditions of ~2.7 MP take minutes; stopping within a few renditions of the deadline takes seconds
        assertTrue(millis < 20_000, "stopped after " + millis + " ms");
    }
}
