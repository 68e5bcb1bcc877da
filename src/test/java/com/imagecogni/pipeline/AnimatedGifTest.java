package com.imagecogni.pipeline;

import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.codec.webp.Libwebp;
import com.imagecogni.pipeline.codec.webp.LibwebpAnimationDecoder;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodedImage;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.CropSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.FlipSpec;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.RotateSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import com.sksamuel.scrimage.nio.AnimatedGif;
import com.sksamuel.scrimage.nio.AnimatedGifReader;
import com.sksamuel.scrimage.nio.ByteArrayImageSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An animated GIF keeps its animation through resize, crop, rotate and flip when the output is GIF or WebP (Scrimage's
 * GIF reader, composited as browsers show it); other outputs take the first frame; frames x canvas count against the
 * pixel limit before anything is decoded; damaged files are {@code corrupt_image}.
 *
 * <p>The source is written byte by byte ({@link GifFiles}): a 160x100 canvas in four coloured quadrants, then frames
 * smaller than the canvas with each disposal method, one with transparent pixels, delays of 100/250/40/100/60 ms.
 * Outputs are read back by the JDK's GIF reader (its metadata tree for the delays and the NETSCAPE2.0 block) and by
 * libwebp, never by the reader under test, and compared with what a browser shows at sample points carried through
 * the same geometry.
 */
class AnimatedGifTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final int W = 160;
    private static final int H = 100;
    private static final int RED = 0xDC1E1E;
    private static final int YELLOW = 0xE6C814;
    private static final int BLUE = 0x1E28DC;
    private static final int WHITE = 0xF0F0F0;
    private static final int GREEN = 0x1EC828;
    private static final int PURPLE = 0x8000A0;
    private static final int ORANGE = 0xF08C14;
    private static final int CLEAR = 0;

    /** Frame 1: 44x20 at 16,14, its left half transparent, its right half green; then restored to background. */
    private static final Box FRAME_1 = new Box(16, 14, 44, 20);
    private static final Box GREEN_HALF = new Box(38, 14, 22, 20);
    /** Frame 2: purple, kept. Frame 3: orange, restored to previous. Frame 4: green, kept. */
    private static final Box FRAME_2 = new Box(96, 64, 48, 24);
    private static final Box FRAME_3 = new Box(96, 12, 44, 24);
    private static final Box FRAME_4 = new Box(8, 62, 32, 28);
    private static final List<Integer> DELAYS_CS = List.of(10, 25, 4, 10, 6);
    private static final List<Integer> DELAYS_MS = List.of(100, 250, 40, 100, 60);

    /**
     * Points of the source canvas at least 7 pixels from any edge between colours, so a halving resample still sees
     * one colour there: each box's centre, the hole in frame 1, and a free spot in each quadrant.
     */
    private static final List<int[]> SAMPLES = List.of(new int[] {27, 24}, new int[] {49, 24}, new int[] {120, 76},
            new int[] {118, 24}, new int[] {24, 76}, new int[] {70, 42}, new int[] {150, 42}, new int[] {64, 92},
            new int[] {152, 92});

    private record Box(int x, int y, int w, int h) {
        boolean contains(int px, int py) {
            return px >= x && px < x + w && py >= y && py < y + h;
        }
    }

    /** The source, with a NETSCAPE2.0 block of this count, or none for null. */
    static byte[] source(Integer netscapeLoop) {
        GifFiles.Builder gif = GifFiles.screen(W, H);
        if (netscapeLoop != null) {
            gif.netscapeLoop(netscapeLoop);
        }
        byte[] quadrants = new GifFiles.Pixels(W, H, 0).rect(W / 2, 0, W / 2, H / 2, 1).rect(0, H / 2, W / 2, H / 2, 2)
                .rect(W / 2, H / 2, W / 2, H / 2, 3).indices();
        gif.frame(new GifFiles.Frame(0, 0, W, H, new int[] {RED, YELLOW, BLUE, WHITE}, quadrants, DELAYS_CS.get(0),
                GifFiles.KEEP, -1));
        byte[] holey = new GifFiles.Pixels(FRAME_1.w(), FRAME_1.h(), 1).rect(0, 0, FRAME_1.w() / 2, FRAME_1.h(), 0)
                .indices();
        gif.frame(new GifFiles.Frame(FRAME_1.x(), FRAME_1.y(), FRAME_1.w(), FRAME_1.h(), new int[] {0x000000, GREEN},
                holey, DELAYS_CS.get(1), GifFiles.RESTORE_TO_BACKGROUND, 0));
        gif.frame(GifFiles.Frame.solid(FRAME_2.x(), FRAME_2.y(), FRAME_2.w(), FRAME_2.h(), PURPLE, DELAYS_CS.get(2),
                GifFiles.KEEP));
        gif.frame(GifFiles.Frame.solid(FRAME_3.x(), FRAME_3.y(), FRAME_3.w(), FRAME_3.h(), ORANGE, DELAYS_CS.get(3),
                GifFiles.RESTORE_TO_PREVIOUS));
        gif.frame(GifFiles.Frame.solid(FRAME_4.x(), FRAME_4.y(), FRAME_4.w(), FRAME_4.h(), GREEN, DELAYS_CS.get(4),
                GifFiles.KEEP));
        return gif.build();
    }

    /**
     * What a browser shows at (x, y) of frame {@code frame}: 0xRRGGBB, or {@link #CLEAR} where the canvas is empty.
     * Frame 1's transparent half shows frame 0; its area is cleared before frame 2; frame 3's area is put back as it
     * was before frame 3 (frame 2's picture) before frame 4.
     */
    static int expected(int frame, int x, int y) {
        int quadrant = x < W / 2 ? (y < H / 2 ? RED : BLUE) : (y < H / 2 ? YELLOW : WHITE);
        if (frame == 0) {
            return quadrant;
        }
        if (frame == 1) {
            return GREEN_HALF.contains(x, y) ? GREEN : quadrant;
        }
        if (frame == 3 && FRAME_3.contains(x, y)) {
            return ORANGE;
        }
        if (frame == 4 && FRAME_4.contains(x, y)) {
            return GREEN;
        }
        if (FRAME_2.contains(x, y)) {
            return PURPLE;
        }
        return FRAME_1.contains(x, y) ? CLEAR : quadrant;
    }

    // --- decoding: every frame composited on the canvas ---

    @Test
    void everyFrameIsCompositedAsABrowserShowsItWithItsDelayAndNumberOfPlays() {
        DecodedImage decoded = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(source(2));
        Animation animation = decoded.animation();
        assertThat(animation.frames()).hasSize(5);
        assertThat(animation.durationsMillis()).isEqualTo(DELAYS_MS);
        assertThat(animation.loopCount()).as("NETSCAPE 2 = two repeats after the first play").isEqualTo(3);
        assertThat(decoded.image()).isSameAs(animation.frames().get(0));
        assertThat(decoded.profile()).isNull();
        for (int i = 0; i < 5; i++) {
            BufferedImage frame = animation.frames().get(i);
            assertThat(frame.getWidth()).isEqualTo(W);
            assertThat(frame.getHeight()).isEqualTo(H);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int want = expected(i, x, y);
                    int got = frame.getRGB(x, y);
                    if (want == CLEAR) {
                        assertThat(got >>> 24).as("frame %d at %d,%d is clear", i, x, y).isZero();
                    } else {
                        assertThat(got).as("frame %d at %d,%d", i, x, y).isEqualTo(0xFF000000 | want);
                    }
                }
            }
        }
    }

    /**
     * Why the reader runs through GifAnimationDecoder's corrections: Scrimage's own AnimatedGifReader prepares frame 1
     * with frame 1's disposal method (restore to background) applied to frame 0's area, the whole canvas, so the red
     * quadrant under frame 1's transparent half is gone. If an upgrade fixes this, the correction can go.
     */
    @Test
    void scrimagesOwnReaderDisposesThePreviousFrameByTheCurrentFramesMethod() throws IOException {
        AnimatedGif stock = AnimatedGifReader.read(new ByteArrayImageSource(source(2)));
        assertThat(stock.getFrame(1).awt().getRGB(27, 24) >>> 24).as("browsers show frame 0's red here").isZero();
        assertThat(stock.getLoopCount()).isEqualTo(2);
        AnimatedGif noBlock = AnimatedGifReader.read(new ByteArrayImageSource(source(null)));
        assertThat(noBlock.getLoopCount()).as("no NETSCAPE block reads as 1, like NETSCAPE 1").isEqualTo(1);
        assertThatThrownBy(() -> AnimatedGifReader.read(new ByteArrayImageSource(withoutTrailer(source(2)))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aFrameWithoutAGraphicControlExtensionDoesNotInheritTheOneBefore() {
        byte[] gif = GifFiles.screen(8, 8)
                .frame(new GifFiles.Frame(0, 0, 8, 8, new int[] {RED, BLUE}, new byte[64], 50, GifFiles.KEEP, 0))
                .image(0, 0, 8, 8, new int[] {GREEN, BLUE}, GifFiles.lzw(new byte[64]))
                .build();
        Animation animation = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(gif).animation();
        assertThat(animation.durationsMillis()).isEqualTo(List.of(500, 0));
        assertThat(animation.frames().get(0).getRGB(3, 3) >>> 24).as("index 0 is transparent in frame 0").isZero();
        assertThat(animation.frames().get(1).getRGB(3, 3)).as("and opaque green in frame 1").isEqualTo(0xFF000000 | GREEN);
    }

    @Test
    void aFileWithoutItsTrailerKeepsEveryFrame() {
        Animation animation = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel())
                .decode(withoutTrailer(source(0))).animation();
        assertThat(animation.frames()).hasSize(5);
        assertThat(animation.loopCount()).isZero();
    }

    // --- through the pipeline: GIF output ---

    /** Where a point of the source lands: pixel centres, in an image of w x h. */
    private record Place(double x, double y, int w, int h) {
    }

    private static UnaryOperator<Place> crop(int x, int y, int w, int h) {
        return p -> new Place(p.x() - x, p.y() - y, w, h);
    }

    private static UnaryOperator<Place> rotate(int degrees) {
        return switch (degrees) {
            case 90 -> p -> new Place(p.h() - 1 - p.y(), p.x(), p.h(), p.w());
            case 180 -> p -> new Place(p.w() - 1 - p.x(), p.h() - 1 - p.y(), p.w(), p.h());
            default -> p -> new Place(p.y(), p.w() - 1 - p.x(), p.h(), p.w());
        };
    }

    private static UnaryOperator<Place> flip(FlipSpec.Direction direction) {
        return direction == FlipSpec.Direction.HORIZONTAL ? p -> new Place(p.w() - 1 - p.x(), p.y(), p.w(), p.h())
                : p -> new Place(p.x(), p.h() - 1 - p.y(), p.w(), p.h());
    }

    private static UnaryOperator<Place> toWidth(int width) {
        return p -> {
            int height = (int) Math.round(p.h() * (double) width / p.w());
            return new Place((p.x() + 0.5) * width / p.w() - 0.5, (p.y() + 0.5) * height / p.h() - 0.5, width, height);
        };
    }

    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of("resize to 80 wide", List.of(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(80))),
                        List.of(toWidth(80))),
                Arguments.of("crop 120x80 at 40,10", List.of(CropSpec.box(40, 10, 120, 80)),
                        List.of(crop(40, 10, 120, 80))),
                Arguments.of("rotate 90", List.of(new RotateSpec(90)), List.of(rotate(90))),
                Arguments.of("rotate 180", List.of(new RotateSpec(180)), List.of(rotate(180))),
                Arguments.of("flip horizontal", List.of(new FlipSpec(FlipSpec.Direction.HORIZONTAL)),
                        List.of(flip(FlipSpec.Direction.HORIZONTAL))),
                Arguments.of("crop, rotate 270, flip vertical, resize, convert to gif",
                        List.of(CropSpec.box(8, 4, 150, 92), new RotateSpec(270),
                                new FlipSpec(FlipSpec.Direction.VERTICAL),
                                ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(46)), ConvertSpec.of(ImageFormat.GIF)),
                        List.of(crop(8, 4, 150, 92), rotate(270), flip(FlipSpec.Direction.VERTICAL), toWidth(46))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void aGifOutputKeepsEveryFrameWhereTheGeometryPutsIt(String name, List<OperationSpec> ops,
            List<UnaryOperator<Place>> geometry) throws IOException {
        List<Output> outputs = new SourceProcessor(DecodeLimits.defaults(), RUNTIME).process(source(2), ops);
        assertThat(outputs).hasSize(1);
        Output gif = outputs.get(0);
        assertThat(gif.format()).isEqualTo(ImageFormat.GIF);
        Place size = carry(new Place(0, 0, W, H), geometry);
        assertThat(gif.width()).isEqualTo(size.w());
        assertThat(gif.height()).isEqualTo(size.h());

        GifRead read = readWithImageIo(gif.bytes());
        assertThat(read.frames()).hasSize(5);
        assertThat(read.delaysCs()).isEqualTo(DELAYS_CS);
        assertThat(read.netscape()).as("plays 3 times: NETSCAPE 2").containsExactly(1, 2, 0);
        for (int i = 0; i < 5; i++) {
            BufferedImage frame = read.frames().get(i);
            assertThat(frame.getWidth()).as("frame %d covers the canvas", i).isEqualTo(size.w());
            assertThat(frame.getHeight()).isEqualTo(size.h());
            assertSamples("gif frame " + i, frame, i, geometry, 12);
        }
    }

    /** Source NETSCAPE count → plays in between → the count written back: none stays none, 0 stays 0, 2 stays 2. */
    @Test
    void theLoopCountSurvivesAGifToGifRun() throws IOException {
        List<OperationSpec> ops = List.of(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(40)));
        SourceProcessor processor = new SourceProcessor(DecodeLimits.defaults(), RUNTIME);
        assertThat(readWithImageIo(processor.process(source(null), ops).get(0).bytes()).netscape())
                .as("played once: no block").isNull();
        assertThat(readWithImageIo(processor.process(source(0), ops).get(0).bytes()).netscape())
                .as("forever").containsExactly(1, 0, 0);
        assertThat(readWithImageIo(processor.process(source(2), ops).get(0).bytes()).netscape())
                .containsExactly(1, 2, 0);
    }

    /** An animated WebP's loop count counts plays: 3 plays is NETSCAPE 2 in the GIF made from it. */
    @Test
    void aWebpPlayedThreeTimesBecomesAGifThatRepeatsTwice() throws IOException {
        assumeTrue(Codecs.libwebp() && Libwebp.animationAvailable(), "needs the system libwebp with libwebpmux");
        byte[] webp = new com.imagecogni.pipeline.codec.webp.LibwebpAnimationEncoder().encode(
                new Animation(List.of(TestImages.filled(8, 8, java.awt.Color.RED),
                        TestImages.filled(8, 8, java.awt.Color.BLUE)), List.of(100, 100), 3),
                com.imagecogni.pipeline.encode.EncodeOptions.DEFAULT);
        Output gif = new SourceProcessor(DecodeLimits.defaults(), RUNTIME)
                .process(webp, List.of(ConvertSpec.of(ImageFormat.GIF))).get(0);
        assertThat(readWithImageIo(gif.bytes()).netscape()).containsExactly(1, 2, 0);
    }

    // --- other outputs ---

    @Test
    void oneRunGivesAnAnimatedGifAndWebpAndAFirstFrameJpeg() throws IOException {
        assumeTrue(Codecs.libwebp() && Libwebp.animationAvailable(), "needs the system libwebp with libwebpmux");
        List<UnaryOperator<Place>> geometry = List.of(toWidth(80), rotate(90));
        List<Output> outputs = new SourceProcessor(DecodeLimits.defaults(), RUNTIME).process(source(2),
                List.of(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(80)), new RotateSpec(90),
                        ConvertSpec.of(ImageFormat.GIF, ImageFormat.WEBP, ImageFormat.JPEG)));
        assertThat(outputs).extracting(Output::format)
                .containsExactly(ImageFormat.GIF, ImageFormat.WEBP, ImageFormat.JPEG);

        assertThat(readWithImageIo(outputs.get(0).bytes()).frames()).hasSize(5);

        Animation webp = new LibwebpAnimationDecoder(DecodeLimits.defaults()).decode(outputs.get(1).bytes());
        assertThat(webp.frames()).hasSize(5);
        assertThat(webp.durationsMillis()).isEqualTo(DELAYS_MS);
        assertThat(webp.loopCount()).as("WebP counts plays").isEqualTo(3);
        assertThat(webp.width()).isEqualTo(50);
        assertThat(webp.height()).isEqualTo(80);
        for (int i = 0; i < 5; i++) {
            assertSamples("webp frame " + i, webp.frames().get(i), i, geometry, 20);
        }

        BufferedImage jpeg = TestImages.decodePlain(outputs.get(2).bytes());
        assertThat(jpeg.getWidth()).isEqualTo(50);
        assertThat(jpeg.getHeight()).isEqualTo(80);
        assertSamples("jpeg", jpeg, 0, geometry, 20);
    }

    @Test
    void aJpegOutputDecodesOnlyTheFirstFrame() {
        List<OperationSpec> toJpeg = List.of(ConvertSpec.of(ImageFormat.JPEG));
        DecodedImage decoded = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(source(2), toJpeg,
                NativeCallRecorder.NONE);
        assertThat(decoded.animation()).isNull();
        List<Output> outputs = new SourceProcessor(DecodeLimits.defaults(), RUNTIME).process(source(2), toJpeg);
        assertThat(outputs).hasSize(1);
        BufferedImage jpeg = TestImages.decodePlain(outputs.get(0).bytes());
        assertThat(jpeg.getWidth()).isEqualTo(W);
        assertThat(jpeg.getHeight()).isEqualTo(H);
        assertSamples("jpeg", jpeg, 0, List.of(), 20);
    }

    // --- limits and damage ---

    @Test
    void framesTimesTheCanvasCountAgainstThePixelLimit() {
        long all = 5L * W * H;
        PipelineException refused = catchThrowableOfType(PipelineException.class,
                () -> new SourceProcessor(new DecodeLimits(all - 1, 500), RUNTIME).process(source(2), List.of()));
        assertThat(refused.reason()).isEqualTo(FailureReason.TOO_MANY_PIXELS);
        assertThat(refused.getMessage()).contains("x 5 frames");
        assertThat(new SourceProcessor(new DecodeLimits(all, 500), RUNTIME).process(source(2), List.of())).hasSize(1);
    }

    /**
     * Five frames declared at 4000x3000 (60 MP in all) in under 200 bytes: refused from the header, before any of the
     * 48 MB canvases a decode would allocate.
     */
    @Test
    void aGifDeclaringMoreThanThePixelLimitIsRefusedBeforeDecoding() {
        GifFiles.Builder gif = GifFiles.screen(4000, 3000);
        for (int i = 0; i < 5; i++) {
            gif.raw(GifFiles.control(10, GifFiles.KEEP, -1)).image(0, 0, 4000, 3000, new int[] {RED, BLUE},
                    lzwCodes(2, 4, 5));
        }
        byte[] bytes = gif.build();
        assertThat(bytes.length).isLessThan(200);
        PipelineException refused = catchThrowableOfType(PipelineException.class,
                () -> new SourceProcessor(DecodeLimits.defaults(), RUNTIME).process(bytes, List.of()));
        assertThat(refused.reason()).isEqualTo(FailureReason.TOO_MANY_PIXELS);
        assertThat(refused.getMessage()).contains("4000x3000 x 5 frames");
    }

    /** Every cut of a small animated GIF: a refusal as corrupt_image, or (cut at a frame's end) the frames before. */
    @Test
    void aTruncatedAnimatedGifIsCorruptNotAnException() {
        byte[] whole = GifFiles.screen(12, 8).netscapeLoop(0)
                .frame(GifFiles.Frame.solid(0, 0, 12, 8, RED, 10, GifFiles.KEEP))
                .frame(new GifFiles.Frame(2, 2, 4, 4, new int[] {0, GREEN}, new byte[16], 10,
                        GifFiles.RESTORE_TO_BACKGROUND, 0))
                .frame(GifFiles.Frame.solid(6, 1, 5, 5, BLUE, 10, GifFiles.RESTORE_TO_PREVIOUS))
                .build();
        SourceProcessor processor = new SourceProcessor(DecodeLimits.defaults(), RUNTIME);
        int corrupt = 0;
        for (int cut = 6; cut < whole.length - 1; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            try {
                List<Output> outputs = processor.process(part, List.of());
                assertThat(readWithImageIo(outputs.get(0).bytes()).frames().size()).as("cut at %d", cut)
                        .isBetween(1, 2);
            } catch (PipelineException e) {
                assertThat(e.reason()).as("cut at %d: %s", cut, e.getMessage()).isEqualTo(FailureReason.CORRUPT_IMAGE);
                corrupt++;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(corrupt).isGreaterThan(whole.length - 20);
    }

    @Test
    void aFrameWithoutAColourTableIsCorrupt() {
        byte[] gif = GifFiles.screen(4, 4)
                .frame(GifFiles.Frame.solid(0, 0, 4, 4, RED, 10, GifFiles.KEEP))
                .raw(GifFiles.control(10, GifFiles.KEEP, 0)).image(0, 0, 4, 4, new int[0], GifFiles.lzw(new byte[16]))
                .build();
        InputRejectedException e = catchThrowableOfType(InputRejectedException.class,
                () -> new SourceProcessor(DecodeLimits.defaults(), RUNTIME).process(gif, List.of()));
        assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT_IMAGE);
        assertThat(e.getMessage()).contains("frame 2 has no colour table");
    }

    /**
     * LZW codes 4 (clear), 6, 6, 6: the second 6 makes entry 6 its own prefix, the third sends Scrimage's decoder
     * round that loop until its pixel stack overflows (ArrayIndexOutOfBoundsException).
     */
    @Test
    void lzwDataThatLoopsScrimagesDecoderIsCorrupt() {
        byte[] gif = GifFiles.screen(4, 4)
                .frame(GifFiles.Frame.solid(0, 0, 4, 4, RED, 10, GifFiles.KEEP))
                .raw(GifFiles.control(10, GifFiles.KEEP, -1))
                .image(0, 0, 4, 4, new int[] {RED, GREEN, BLUE, WHITE}, lzwCodes(2, 4, 6, 6, 6, 6, 5))
                .build();
        InputRejectedException e = catchThrowableOfType(InputRejectedException.class,
                () -> new SourceProcessor(DecodeLimits.defaults(), RUNTIME).process(gif, List.of()));
        assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT_IMAGE);
        assertThat(e.getMessage()).contains("frame 2").contains("ArrayIndexOutOfBoundsException");
    }

    /** Seeded byte changes over the whole source: outputs or a typed refusal, nothing else. */
    @Test
    void garbledAnimatedGifsGiveOutputsOrATypedRefusal() {
        byte[] source = source(2);
        SourceProcessor processor = new SourceProcessor(DecodeLimits.defaults(), RUNTIME);
        Random random = new Random(0x61F);
        List<String> escaped = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            byte[] mutant = source.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                // the first 1 KB holds the header and frame structure; the rest is mostly frame 0's LZW data
                int at = random.nextInt(random.nextBoolean() ? Math.min(1024, mutant.length) : mutant.length);
                mutant[at] = (byte) random.nextInt(256);
            }
            try {
                processor.process(mutant, List.of(ConvertSpec.of(ImageFormat.GIF)));
            } catch (PipelineException expected) {
                // a typed refusal
            } catch (RuntimeException e) {
                escaped.add("mutant " + i + ": " + e);
            }
        }
        assertThat(escaped).isEmpty();
    }

    // --- helpers ---

    private static Place carry(Place start, List<UnaryOperator<Place>> geometry) {
        Place p = start;
        for (UnaryOperator<Place> step : geometry) {
            p = step.apply(p);
        }
        return p;
    }

    /** Each sample point carried through the geometry, compared with what the source frame shows there. */
    private static void assertSamples(String what, BufferedImage image, int frame, List<UnaryOperator<Place>> geometry,
            int tolerance) {
        for (int[] sample : SAMPLES) {
            Place p = carry(new Place(sample[0], sample[1], W, H), geometry);
            int x = (int) Math.round(p.x());
            int y = (int) Math.round(p.y());
            if (x < 0 || y < 0 || x >= image.getWidth() || y >= image.getHeight()) {
                continue; // cropped away
            }
            int want = expected(frame, sample[0], sample[1]);
            int got = image.getRGB(x, y);
            String at = String.format("%s: source %d,%d -> %d,%d is %08x", what, sample[0], sample[1], x, y, got);
            if (want == CLEAR) {
                assertThat(got >>> 24).as(at + ", should be clear").isZero();
                continue;
            }
            assertThat(got >>> 24).as(at + ", should be opaque").isEqualTo(255);
            assertThat(Math.abs((got >> 16 & 0xFF) - (want >> 16 & 0xFF))).as(at + " red").isLessThanOrEqualTo(tolerance);
            assertThat(Math.abs((got >> 8 & 0xFF) - (want >> 8 & 0xFF))).as(at + " green").isLessThanOrEqualTo(tolerance);
            assertThat(Math.abs((got & 0xFF) - (want & 0xFF))).as(at + " blue").isLessThanOrEqualTo(tolerance);
        }
    }

    /** A GIF as the JDK's reader sees it: each frame, its delay, the NETSCAPE2.0 loop bytes (null without one). */
    private record GifRead(List<BufferedImage> frames, List<Integer> delaysCs, List<Integer> netscape) {
    }

    private static GifRead readWithImageIo(byte[] gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            List<BufferedImage> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            List<Integer> netscape = null;
            int count = reader.getNumImages(true);
            for (int i = 0; i < count; i++) {
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode descriptor = child(root, "ImageDescriptor");
                assertThat(descriptor.getAttribute("imageLeftPosition")).isEqualTo("0");
                assertThat(descriptor.getAttribute("imageTopPosition")).isEqualTo("0");
                delays.add(Integer.parseInt(child(root, "GraphicControlExtension").getAttribute("delayTime")));
                IIOMetadataNode apps = child(root, "ApplicationExtensions");
                for (int k = 0; apps != null && k < apps.getLength(); k++) {
                    IIOMetadataNode app = (IIOMetadataNode) apps.item(k);
                    if ("NETSCAPE".equals(app.getAttribute("applicationID"))) {
                        assertThat(i).as("one NETSCAPE block, before the first frame").isZero();
                        byte[] data = (byte[]) app.getUserObject();
                        netscape = List.of(data[0] & 0xFF, data[1] & 0xFF, data[2] & 0xFF);
                    }
                }
                frames.add(reader.read(i));
            }
            return new GifRead(frames, delays, netscape);
        } finally {
            reader.dispose();
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        return null;
    }

    private static byte[] withoutTrailer(byte[] gif) {
        assertThat(gif[gif.length - 1]).isEqualTo((byte) 0x3B);
        return Arrays.copyOf(gif, gif.length - 1);
    }

    /** LZW data of fixed-width codes (minimum code size + 1 bits each), as the code size byte and one sub-block. */
    static byte[] lzwCodes(int minCodeSize, int... codes) {
        int width = minCodeSize + 1;
        byte[] packed = new byte[(codes.length * width + 7) / 8];
        int bit = 0;
        for (int code : codes) {
            for (int b = 0; b < width; b++, bit++) {
                if ((code >> b & 1) != 0) {
                    packed[bit / 8] |= (byte) (1 << (bit % 8));
                }
            }
        }
        byte[] out = new byte[packed.length + 3];
        out[0] = (byte) minCodeSize;
        out[1] = (byte) packed.length;
        System.arraycopy(packed, 0, out, 2, packed.length);
        return out; // the last byte stays 0: the block terminator
    }
}
