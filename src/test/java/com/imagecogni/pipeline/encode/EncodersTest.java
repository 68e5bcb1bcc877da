package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodedImage;
import com.imagecogni.pipeline.decode.FormatSniffer;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.model.ImageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodersTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final BufferedImage IMAGE = TestImages.gradient(120, 90);

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "GIF", "WEBP"})
    void writesTheMagicBytesOfEachFormat(ImageFormat format) {
        byte[] bytes = Encoders.forFormat(format).encode(IMAGE, EncodeOptions.DEFAULT);
        byte[] head = java.util.Arrays.copyOf(bytes, 12);
        switch (format) {
            case JPEG -> assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, java.util.Arrays.copyOf(head, 3));
            case PNG -> assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(head, 4));
            case GIF -> assertEquals("GIF89a", new String(head, 0, 6, StandardCharsets.US_ASCII));
            default -> {
                assertEquals("RIFF", new String(head, 0, 4, StandardCharsets.US_ASCII));
                assertEquals("WEBP", new String(head, 8, 4, StandardCharsets.US_ASCII));
            }
        }
        assertEquals(format, FormatSniffer.detect(bytes).orElseThrow());
        DecodedImage back = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(bytes);
        assertEquals(120, back.width());
        assertEquals(90, back.height());
    }

    @Test
    void jpegQualityAndProgressiveReachTheEncoder() {
        BufferedImage photo = TestImages.gradient(300, 200);
        int low = new JpegEncoder().encode(photo, new EncodeOptions(20, false, true)).length;
        int high = new JpegEncoder().encode(photo, new EncodeOptions(95, false, true)).length;
        assertTrue(low < high, low + " < " + high);
        assertTrue(hasMarker(new JpegEncoder().encode(photo, new EncodeOptions(80, true, true)), 0xC2), "SOF2 when progressive");
        assertFalse(hasMarker(new JpegEncoder().encode(photo, new EncodeOptions(80, false, true)), 0xC2), "baseline otherwise");
        int webpLow = new WebpEncoder().encode(photo, new EncodeOptions(20, false, true)).length;
        int webpHigh = new WebpEncoder().encode(photo, new EncodeOptions(95, false, true)).length;
        assertTrue(webpLow < webpHigh, webpLow + " < " + webpHigh);
    }

    @Test
    void neverWritesExifEvenWhenTheSourceHadIt() {
        byte[] withExif = TestImages.jpegWithOrientation(TestImages.gradient(40, 30), 6);
        assertTrue(new String(withExif, StandardCharsets.ISO_8859_1).contains("Exif"));
        DecodedImage d = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(withExif);
        for (boolean strip : new boolean[] {true, false}) {
            byte[] out = new JpegEncoder().encode(d.image(), new EncodeOptions(85, false, strip));
            assertFalse(new String(out, StandardCharsets.ISO_8859_1).contains("Exif"));
        }
    }

    @Test
    void jpegFlattensTransparencyOntoWhite() {
        BufferedImage clear = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        BufferedImage back = TestImages.decodePlain(new JpegEncoder().encode(clear, EncodeOptions.DEFAULT));
        assertTrue((back.getRGB(8, 8) & 0xFFFFFF) > 0xF0F0F0, Integer.toHexString(back.getRGB(8, 8)));
    }

    private static boolean hasMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return true;
            }
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return false; // frame header comes before the first scan
            }
        }
        return false;
    }

    /** libwebp cannot go past 16383 px per side; webp-imageio reported that as a bare NullPointerException. */
    @Test
    void webpRefusesSidesOverItsMaximumWithATypedReason() {
        BufferedImage sliver = new BufferedImage(16, 16_384, BufferedImage.TYPE_INT_RGB);
        com.imagecogni.pipeline.ProcessingFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                com.imagecogni.pipeline.ProcessingFailedException.class,
                () -> new WebpEncoder().encode(sliver, EncodeOptions.DEFAULT));
        assertEquals(com.imagecogni.pipeline.FailureReason.OUTPUT_TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("16x16384"), e.getMessage());
        assertEquals(16_383, new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(
                new WebpEncoder().encode(new BufferedImage(16, 16_383, BufferedImage.TYPE_INT_RGB), EncodeOptions.DEFAULT)).height());
    }
}
