package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.GifFiles;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.model.ImageFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The bounds and corrections around Scrimage's GIF reader: it is held to the header (frame count, canvas), and walks
 * the blocks as the header parse did where Scrimage's own walk would slip; the header parse refuses the extensions
 * the decoders would walk differently.
 */
class GifAnimationDecoderTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final int RED = 0xDC1E1E;
    private static final int GREEN = 0x1EC828;

    private static byte[] threeFrames() {
        return GifFiles.screen(10, 6)
                .frame(GifFiles.Frame.solid(0, 0, 10, 6, RED, 10, GifFiles.KEEP))
                .frame(GifFiles.Frame.solid(2, 1, 8, 5, GREEN, 20, GifFiles.KEEP))
                .frame(GifFiles.Frame.solid(0, 0, 3, 3, RED, 30, GifFiles.KEEP))
                .build();
    }

    private static InputRejectedException refusal(byte[] gif, ImageHeader header) {
        InputRejectedException e = catchThrowableOfType(InputRejectedException.class,
                () -> GifAnimationDecoder.decode(gif, header, RUNTIME.parallel()));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT_IMAGE);
        return e;
    }

    @Test
    void aFrameBeyondTheHeadersCountIsRefusedBeforeItIsAllocated() {
        ImageHeader twoFrames = new ImageHeader(ImageFormat.GIF, 10, 6, 2, 1, 10, 6);
        assertThat(refusal(threeFrames(), twoFrames).getMessage())
                .contains("found a frame 3 the header parse did not count (2 frames)");
    }

    @Test
    void fewerFramesThanTheHeaderCountedIsRefused() {
        ImageHeader fourFrames = new ImageHeader(ImageFormat.GIF, 10, 6, 4, 1, 10, 6);
        assertThat(refusal(threeFrames(), fourFrames).getMessage())
                .contains("read 3 frames where the header has 4");
    }

    @Test
    void aFrameOffTheHeadersCanvasIsRefused() {
        ImageHeader smaller = new ImageHeader(ImageFormat.GIF, 9, 6, 3, 1, 10, 6);
        assertThat(refusal(threeFrames(), smaller).getMessage())
                .contains("GIF frame 1 (10x6 at 0,0) does not lie on the 9x6 canvas");
    }

    /** The canvas is the logical screen grown to every frame, as the header parse sizes it. */
    @Test
    void framesBeyondTheLogicalScreenGrowTheCanvas() {
        byte[] gif = GifFiles.screen(4, 4)
                .frame(GifFiles.Frame.solid(0, 0, 4, 4, RED, 10, GifFiles.KEEP))
                .frame(GifFiles.Frame.solid(3, 2, 5, 4, GREEN, 10, GifFiles.KEEP))
                .build();
        DecodedImage decoded = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(gif);
        assertThat(decoded.header().width()).isEqualTo(8);
        assertThat(decoded.header().height()).isEqualTo(6);
        Animation animation = decoded.animation();
        assertThat(animation.width()).isEqualTo(8);
        assertThat(animation.height()).isEqualTo(6);
        assertThat(animation.frames().get(1).getRGB(7, 5)).isEqualTo(0xFF000000 | GREEN);
        assertThat(animation.frames().get(1).getRGB(1, 1)).isEqualTo(0xFF000000 | RED);
        assertThat(animation.frames().get(0).getRGB(7, 5) >>> 24).isZero();
    }

    /**
     * Extensions the decoders walk differently: the JDK's reader (the first frame) takes a Graphic Control Extension
     * for 4 bytes and a terminator whatever its length says, and reads on after an empty first block of an
     * application or plain-text extension; Scrimage's own walk slips the same way. A fuzzed file used the first to
     * hide a 29793x29301 image descriptor from the header parse (the JDK's reader then ran the heap out): all are
     * refused by the header parse, before any decoder runs.
     */
    @Test
    void theHeaderParseRefusesExtensionsTheDecodersWouldWalkDifferently() {
        byte[] fiveByteControl = {0x21, (byte) 0xF9, 5, 0, 20, 0, 0, 0x77, 0};
        byte[] controlWithASecondBlock = {0x21, (byte) 0xF9, 4, 0, 20, 0, 0, 1, 0x77, 0};
        byte[] emptyApplication = {0x21, (byte) 0xFF, 0};
        byte[] emptyPlainText = {0x21, 0x01, 0};
        for (byte[] extension : List.of(fiveByteControl, controlWithASecondBlock, emptyApplication, emptyPlainText)) {
            byte[] gif = GifFiles.screen(6, 4).raw(extension)
                    .frame(GifFiles.Frame.solid(0, 0, 6, 4, RED, 10, GifFiles.KEEP))
                    .frame(GifFiles.Frame.solid(0, 0, 6, 4, GREEN, 10, GifFiles.KEEP))
                    .build();
            InputRejectedException e = catchThrowableOfType(InputRejectedException.class,
                    () -> new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).probe(gif));
            assertThat(e).as("refused: %s", java.util.Arrays.toString(extension)).isNotNull();
            assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT_IMAGE);
            assertThat(e.getMessage()).containsAnyOf("is not one 4-byte block", "extension at byte 13 is empty");
        }
    }

    /**
     * Where Scrimage's own walk slips a block, the reader here walks sub-blocks as the header parse does: a Graphic
     * Control Extension of 5 bytes (it would read 4 and take the fifth for the terminator) and an empty
     * application-extension block (the header parse refuses both; the reader is given a header by hand), and LZW
     * data that ends (block terminator, no end code) before the frame is full, which it would follow by reading the
     * next block's introducer as a length.
     */
    @Test
    void theReaderWalksTheBlocksAsTheHeaderParseDoes() {
        byte[] longControl = {0x21, (byte) 0xF9, 5, 0, 20, 0, 0, 0x77, 0};
        byte[] emptyApplication = {0x21, (byte) 0xFF, 0};
        byte[] shortData = {8, 3, 0, 0, 0, 0}; // code size 8, one 3-byte block (two codes), no end code
        byte[] gif = GifFiles.screen(6, 4)
                .raw(longControl).image(0, 0, 6, 4, new int[] {RED, GREEN}, GifFiles.lzw(new byte[24]))
                .raw(emptyApplication)
                .raw(GifFiles.control(30, GifFiles.KEEP, -1)).image(0, 0, 6, 4, new int[] {GREEN, RED}, shortData)
                .frame(GifFiles.Frame.solid(0, 0, 2, 2, RED, 40, GifFiles.KEEP))
                .build();
        Animation animation = GifAnimationDecoder.decode(gif, new ImageHeader(ImageFormat.GIF, 6, 4, 3, 1, 6, 4),
                RUNTIME.parallel());
        assertThat(animation.frames()).hasSize(3);
        assertThat(animation.durationsMillis()).isEqualTo(List.of(200, 300, 400));
        assertThat(animation.frames().get(1).getRGB(0, 0)).isEqualTo(0xFF000000 | GREEN);

        byte[] wellFormedButShort = GifFiles.screen(6, 4)
                .raw(GifFiles.control(30, GifFiles.KEEP, -1)).image(0, 0, 6, 4, new int[] {GREEN, RED}, shortData)
                .frame(GifFiles.Frame.solid(0, 0, 2, 2, RED, 40, GifFiles.KEEP))
                .build();
        Animation decoded = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(wellFormedButShort)
                .animation();
        assertThat(decoded.frames()).hasSize(2);
        assertThat(decoded.durationsMillis()).isEqualTo(List.of(300, 400));
    }

    @Test
    void theNetscapeCountBecomesANumberOfPlays() {
        assertThat(GifAnimationDecoder.plays(false, 1)).as("no block: once").isEqualTo(1);
        assertThat(GifAnimationDecoder.plays(true, 0)).as("forever").isZero();
        assertThat(GifAnimationDecoder.plays(true, 1)).isEqualTo(2);
        assertThat(GifAnimationDecoder.plays(true, 65534)).isEqualTo(65535);
        assertThat(GifAnimationDecoder.plays(true, 65535)).as("the most an Animation holds").isEqualTo(65535);
    }
}
