package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Animated WebP: encoded by WebPAnimEncoder, checked with webpmux (libwebpmux's own parser, a separate process) and
 * decoded with WebPAnimDecoder; frame 1 is also cut out by webpmux and decoded by dwebp.
 */
class LibwebpAnimationTest {

    private static final Pattern LOOP = Pattern.compile("Loop Count\\s*:\\s*(\\d+)");
    private static final Pattern FRAMES = Pattern.compile("Number of frames:\\s*(\\d+)");
    /** A frame row of webpmux -info: "No.: width height alpha x_offset y_offset duration ...". */
    private static final Pattern FRAME_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+\\d+\\s+\\w+\\s+\\d+\\s+\\d+\\s+(\\d+)");

    private static Animation source;

    @BeforeAll
    static void frames() {
        assertTrue(Libwebp.animationAvailable(), Libwebp.problems().toString());
        BufferedImage photo = WebpTools.photo(160, 90);
        List<BufferedImage> frames = List.of(photo.getSubimage(0, 0, 64, 48), photo.getSubimage(80, 30, 64, 48),
                WebpTools.translucent(64, 48));
        source = new Animation(frames, List.of(100, 250, 40), 3);
    }

    @Test
    void losslessRoundTripKeepsFramesDurationsAndLoopCount() {
        byte[] webp = new LibwebpAnimationEncoder().encode(source, lossless());
        String info = WebpTools.webpmuxInfo(webp);
        assertTrue(info.contains("Canvas size: 64 x 48"), info);
        assertEquals("3", group(LOOP, info), info);
        assertEquals("3", group(FRAMES, info), info);
        assertEquals(List.of(100, 250, 40), durations(info), info);
        WebpTools.assertWebpinfoAccepts(webp);

        Animation back = new LibwebpAnimationDecoder(DecodeLimits.defaults()).decode(webp);
        assertEquals(List.of(100, 250, 40), back.durationsMillis());
        assertEquals(3, back.loopCount());
        for (int i = 0; i < 3; i++) {
            WebpTools.assertSamePixels(source.frames().get(i), back.frames().get(i));
        }
        // the first frame covers the canvas: webpmux cuts it out as a still file and dwebp decodes it
        WebpTools.assertSamePixels(source.frames().get(0), WebpTools.dwebp(WebpTools.webpmuxGet(webp, "frame 1")));
    }

    @Test
    void lossyRoundTripLooksRight() {
        byte[] webp = new LibwebpAnimationEncoder().encode(source, new EncodeOptions(90, false, true));
        Animation back = new LibwebpAnimationDecoder(DecodeLimits.defaults()).decode(webp);
        assertEquals(3, back.frames().size());
        for (int i = 0; i < 2; i++) {
            double psnr = WebpTools.psnr(source.frames().get(i), back.frames().get(i));
            assertTrue(psnr > 30, "frame " + (i + 1) + ": " + psnr + " dB");
        }
    }

    @Test
    void theStillDecoderGivesTheFirstFrame() {
        byte[] webp = new LibwebpAnimationEncoder().encode(source, lossless());
        assertEquals(new WebpFeatures(64, 48, true, true), LibwebpDecoder.features(webp));
        BufferedImage first = new LibwebpDecoder(DecodeLimits.of(64 * 48)).decode(webp);
        WebpTools.assertSamePixels(source.frames().get(0), first);
    }

    @Test
    void framesTimesPixelsCountAgainstTheLimits() {
        byte[] webp = new LibwebpAnimationEncoder().encode(source, lossless());
        long all = 64L * 48 * 3;
        InputRejectedException pixels = assertThrows(InputRejectedException.class,
                () -> new LibwebpAnimationDecoder(DecodeLimits.of(all - 1)).decode(webp));
        assertEquals(FailureReason.TOO_MANY_PIXELS, pixels.reason(), pixels.getMessage());
        InputRejectedException frames = assertThrows(InputRejectedException.class,
                () -> new LibwebpAnimationDecoder(new DecodeLimits(all, 2)).decode(webp));
        assertEquals(FailureReason.TOO_MANY_FRAMES, frames.reason(), frames.getMessage());
        assertEquals(3, new LibwebpAnimationDecoder(new DecodeLimits(all, 3)).decode(webp).frames().size());
    }

    @Test
    void decodesAnAnimationFromAnotherEncoder() throws IOException {
        byte[] webp;
        try (InputStream in = getClass().getResourceAsStream(
                "/com/imagecogni/pipeline/decode/WebpDecoderFuzzTestInputs/decode/animated.webp")) {
            webp = in.readAllBytes();
        }
        String info = WebpTools.webpmuxInfo(webp);
        Animation animation = new LibwebpAnimationDecoder(DecodeLimits.defaults()).decode(webp);
        assertEquals(Integer.parseInt(group(FRAMES, info)), animation.frames().size());
        assertEquals(durations(info), animation.durationsMillis());
        assertEquals(Integer.parseInt(group(LOOP, info)), animation.loopCount());
    }

    @Test
    void truncatedAnimationIsCorrupt() {
        byte[] webp = new LibwebpAnimationEncoder().encode(source, lossless());
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> new LibwebpAnimationDecoder(DecodeLimits.defaults()).decode(java.util.Arrays.copyOf(webp, 100)));
        assertEquals(FailureReason.CORRUPT_IMAGE, e.reason(), e.getMessage());
    }

    private static EncodeOptions lossless() {
        return new EncodeOptions(85, false, true, true, EncodeOptions.DEFAULT_EFFORT, false);
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern + " in\n" + text);
        return m.group(1);
    }

    private static List<Integer> durations(String info) {
        List<Integer> durations = new ArrayList<>();
        Matcher m = FRAME_ROW.matcher(info);
        while (m.find()) {
            durations.add(Integer.parseInt(m.group(1)));
        }
        return durations;
    }
}
