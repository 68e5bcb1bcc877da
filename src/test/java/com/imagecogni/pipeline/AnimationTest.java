package com.imagecogni.pipeline;

import com.imagecogni.pipeline.codec.webp.LibwebpAnimationDecoder;
import com.imagecogni.pipeline.codec.webp.LibwebpAnimationEncoder;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.RotateSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 5: an animated WebP keeps its animation (frames, delays, loop count) through resize and rotate when
 * the output is WebP or GIF; other outputs take the first frame.
 */
class AnimationTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final List<Color> COLOURS = List.of(new Color(220, 30, 30), new Color(30, 200, 40), new Color(30, 40, 220));
    private static final List<Integer> DELAYS = List.of(100, 250, 40);

    private static byte[] animatedWebp() {
        List<BufferedImage> frames = new ArrayList<>();
        for (Color colour : COLOURS) {
            frames.add(TestImages.filled(40, 30, colour));
        }
        EncodeOptions lossless = new EncodeOptions(90, false, true, true, EncodeOptions.DEFAULT_EFFORT, false);
        return new LibwebpAnimationEncoder().encode(new Animation(frames, DELAYS, 3), lossless);
    }

    private static List<Output> run(OperationSpec... ops) {
        return new SourceProcessor(DecodeLimits.defaults(), RUNTIME).process(animatedWebp(), List.of(ops));
    }

    @Test
    void webpAndGifOutputsKeepEveryFrameItsDelayAndTheLoopCount() throws Exception {
        List<Output> outputs = run(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(20)),
                ConvertSpec.of(ImageFormat.WEBP, ImageFormat.GIF, ImageFormat.PNG));

        Animation webp = new LibwebpAnimationDecoder(DecodeLimits.defaults()).decode(outputs.get(0).bytes());
        assertThat(webp.frames()).hasSize(3);
        assertThat(webp.durationsMillis()).isEqualTo(DELAYS);
        assertThat(webp.loopCount()).isEqualTo(3);
        assertThat(webp.width()).isEqualTo(20);
        assertThat(webp.height()).isEqualTo(15);
        for (int i = 0; i < 3; i++) {
            assertNear(COLOURS.get(i), webp.frames().get(i).getRGB(10, 7));
        }

        // the JDK's GIF reader, not ours, reads the GIF back
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(outputs.get(1).bytes()))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                BufferedImage frame = reader.read(i);
                assertThat(frame.getWidth()).isEqualTo(20);
                assertNear(COLOURS.get(i), frame.getRGB(10, 7));
                Node control = find((IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0"),
                        "GraphicControlExtension");
                assertThat(control.getAttributes().getNamedItem("delayTime").getNodeValue())
                        .isEqualTo(Integer.toString(DELAYS.get(i) / 10));
            }
        }

        BufferedImage png = TestImages.decodePlain(outputs.get(2).bytes());
        assertThat(png.getWidth()).isEqualTo(20);
        assertNear(COLOURS.get(0), png.getRGB(10, 7));
    }

    @Test
    void everyFrameIsRotatedAndAWebpSourceStaysAnimatedWithoutAConvert() {
        Output rotated = run(new RotateSpec(90)).get(0);
        assertThat(rotated.format()).isEqualTo(ImageFormat.WEBP);
        Animation frames = new LibwebpAnimationDecoder(DecodeLimits.defaults()).decode(rotated.bytes());
        assertThat(frames.frames()).hasSize(3);
        assertThat(frames.width()).isEqualTo(30);
        assertThat(frames.height()).isEqualTo(40);
    }

    @Test
    void outputsThatCannotBeAnimatedDecodeOnlyTheFirstFrame() {
        var decoded = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(animatedWebp(),
                List.of(ConvertSpec.of(ImageFormat.JPEG)), NativeCallRecorder.NONE);
        assertThat(decoded.animation()).isNull();
        assertNear(COLOURS.get(0), decoded.image().getRGB(5, 5));
        var kept = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(animatedWebp(), List.of(),
                NativeCallRecorder.NONE);
        assertThat(kept.animation().frames()).hasSize(3);
    }

    @Test
    void anAnimatedOutputOverThePixelLimitIsRefused() {
        var pipeline = new SourceProcessor(new DecodeLimits(3 * 40 * 30, 10), RUNTIME);
        var bigger = ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(60)).withUpscale(true); // 2700 px a frame, 8100 in all
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pipeline.process(animatedWebp(), List.of(bigger)))
                .isInstanceOf(ProcessingFailedException.class).hasMessageContaining("animated output");
    }

    private static Node find(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return root.item(i);
            }
        }
        throw new AssertionError("no " + name);
    }

    private static void assertNear(Color expected, int argb) {
        assertThat(Math.abs(TestImages.red(argb) - expected.getRed())).isLessThanOrEqualTo(12);
        assertThat(Math.abs(TestImages.green(argb) - expected.getGreen())).isLessThanOrEqualTo(12);
        assertThat(Math.abs(TestImages.blue(argb) - expected.getBlue())).isLessThanOrEqualTo(12);
    }
}
