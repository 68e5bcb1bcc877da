package com.imagecogni.pipeline;

import com.imagecogni.pipeline.codec.jpeg.JpegSegments;
import com.imagecogni.pipeline.codec.webp.WebpMetadata;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.image.ColorProfiles;
import com.imagecogni.pipeline.metadata.TestMetadata;
import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import com.imagecogni.pipeline.model.Fit;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stripMetadata} and {@code colorProfile} end to end: a camera JPEG (EXIF with orientation 6 and GPS, XMP,
 * a Display P3 profile) through the pipeline, its outputs read back.
 */
class MetadataAndProfileTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final SourceMetadata CAMERA = new SourceMetadata(TestMetadata.exifWithGps(6),
            TestMetadata.xmpWithGps(), TestMetadata.displayP3());
    /** A P3 orange: its sRGB values differ clearly, and it is inside the sRGB gamut. */
    private static final Color P3_ORANGE = new Color(200, 120, 60);

    private static byte[] cameraJpeg() {
        byte[] plain = TestImages.encode(TestImages.filled(64, 48, P3_ORANGE), "jpeg");
        return JpegSegments.splice(plain, CAMERA);
    }

    private static List<Output> run(OperationSpec... ops) {
        return new SourceProcessor(DecodeLimits.defaults(), RUNTIME).process(cameraJpeg(), List.of(ops));
    }

    private static CompressSpec keepMetadata(boolean keepGps) {
        return new CompressSpec(90, false, false, false, CompressSpec.FORMAT_DEFAULT_EFFORT, keepGps);
    }

    @Test
    void strippedByDefault_onlyNothingIsWritten() {
        Output jpeg = run(ConvertSpec.of(ImageFormat.JPEG)).get(0);
        SourceMetadata written = JpegSegments.read(jpeg.bytes());
        assertThat(written.exif()).isNull();
        assertThat(written.xmp()).isNull();
        assertThat(written.icc()).isNull();
        // orientation 6 applied: 64x48 stored, 48x64 upright
        assertThat(jpeg.width()).isEqualTo(48);
        assertThat(jpeg.height()).isEqualTo(64);
    }

    @Test
    void keptMetadataHasOrientationOneNoGpsAndTheSrgbProfileOfTheConvertedPixels() {
        for (ImageFormat format : List.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP)) {
            Output out = run(keepMetadata(false), ConvertSpec.of(format)).get(0);
            SourceMetadata written = readBack(out);
            assertThat(written.exif()).as(format + " EXIF").isNotNull();
            ByteBuffer exif = ByteBuffer.wrap(written.exif()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(exif.getShort(8)).as(format + " IFD0 without the GPS pointer").isEqualTo((short) 2);
            assertThat(exif.getShort(30)).as(format + " orientation").isEqualTo((short) 1);
            assertThat(new String(written.xmp(), StandardCharsets.UTF_8)).as(format + " XMP").doesNotContain("GPS")
                    .contains("Test Author");
            assertThat(written.icc()).as(format + " profile of sRGB pixels").isEqualTo(ColorProfiles.srgb());
        }
    }

    @Test
    void keepGpsKeepsTheGpsBlock() {
        SourceMetadata written = JpegSegments.read(run(keepMetadata(true)).get(0).bytes());
        assertThat(ByteBuffer.wrap(written.exif()).order(ByteOrder.LITTLE_ENDIAN).getShort(8)).isEqualTo((short) 3);
        assertThat(new String(written.xmp(), StandardCharsets.UTF_8)).contains("GPSLatitude");
    }

    @Test
    void colorProfileKeepLeavesTheValuesAndCarriesTheDisplayP3Profile() {
        ConvertSpec keep = new ConvertSpec(List.of(ImageFormat.PNG), ConvertSpec.ColorProfile.KEEP);
        Output kept = run(keep).get(0);
        assertThat(readBack(kept).icc()).isEqualTo(TestMetadata.displayP3());
        int keptRgb = rawPixel(kept.bytes());
        assertThat(distance(keptRgb, P3_ORANGE.getRGB())).as("P3 values kept").isLessThanOrEqualTo(6);

        Output converted = run(ConvertSpec.of(ImageFormat.PNG)).get(0);
        assertThat(readBack(converted).icc()).isNull();
        assertThat(distance(rawPixel(converted.bytes()), P3_ORANGE.getRGB())).as("converted to sRGB").isGreaterThan(12);
    }

    @Test
    void keptProfileGoesWithTheFirstResizeAndAGifGetsSrgbPixels() {
        ResizeSpec resize = ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(24));
        ConvertSpec keep = new ConvertSpec(List.of(ImageFormat.JPEG, ImageFormat.GIF), ConvertSpec.ColorProfile.KEEP);
        List<Output> outputs = run(resize, keep);
        assertThat(JpegSegments.read(outputs.get(0).bytes()).icc()).isEqualTo(TestMetadata.displayP3());
        assertThat(distance(rawPixel(outputs.get(1).bytes()), P3_ORANGE.getRGB())).as("GIF in sRGB").isGreaterThan(12);
    }

    /** The first pixel's stored values, without applying any embedded profile. */
    private static int rawPixel(byte[] encoded) {
        var image = TestImages.decodePlain(encoded);
        return image.getRaster().getNumBands() >= 3 ? rgbOfRaster(image) : image.getRGB(0, 0);
    }

    private static int rgbOfRaster(java.awt.image.BufferedImage image) {
        int[] px = image.getRaster().getPixel(image.getWidth() / 2, image.getHeight() / 2, (int[]) null);
        return px[0] << 16 | px[1] << 8 | px[2];
    }

    private static int distance(int a, int b) {
        return Math.max(Math.abs(TestImages.red(a) - TestImages.red(b)), Math.max(
                Math.abs(TestImages.green(a) - TestImages.green(b)), Math.abs(TestImages.blue(a) - TestImages.blue(b))));
    }

    private static SourceMetadata readBack(Output out) {
        return switch (out.format()) {
            case JPEG -> JpegSegments.read(out.bytes());
            case WEBP -> WebpMetadata.read(out.bytes());
            default -> new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(out.bytes()).metadata();
        };
    }

    @Test
    void aPngSourceProfileIsAppliedThoughTheJdkReaderIgnoresIt() {
        byte[] png = new com.imagecogni.pipeline.encode.PngEncoder().encode(TestImages.filled(8, 8, P3_ORANGE),
                com.imagecogni.pipeline.encode.EncodeOptions.DEFAULT, new SourceMetadata(null, null, TestMetadata.displayP3()));
        var decoded = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(png);
        assertThat(distance(decoded.image().getRGB(4, 4), P3_ORANGE.getRGB())).isGreaterThan(12);
        assertThat(decoded.profile()).isNull();
    }
}
