package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.encode.WebpEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The still decoder, against dwebp's decode of the same bytes, and its refusals. */
class LibwebpDecoderTest {

    private static final LibwebpDecoder DECODER = new LibwebpDecoder(DecodeLimits.defaults());
    private static byte[] lossyPhoto;

    @BeforeAll
    static void encodeWithTheOtherEncoder() {
        assertTrue(Libwebp.available(), Libwebp.problems().toString());
        // webp-imageio's bundled libwebp wrote these bytes: the decoder is not only fed its own encoder's output
        lossyPhoto = new WebpEncoder().encode(WebpTools.photo(320, 200), new EncodeOptions(80, false, true));
    }

    @Test
    void lossyDecodeAgreesWithDwebp() {
        BufferedImage decoded = DECODER.decode(lossyPhoto);
        assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
        WebpTools.assertSamePixels(WebpTools.dwebp(lossyPhoto), decoded);
        int[] raw = ((DataBufferInt) decoded.getRaster().getDataBuffer()).getData();
        assertTrue(Arrays.stream(raw).allMatch(p -> p >>> 24 == 0), "an opaque image's raster has no stray alpha byte");
        assertEquals(new WebpFeatures(320, 200, false, false), LibwebpDecoder.features(lossyPhoto));
    }

    @Test
    void alphaDecodeAgreesWithDwebp() {
        byte[] webp = new LibwebpEncoder().encode(WebpTools.translucent(90, 70), new EncodeOptions(75, false, true));
        BufferedImage decoded = DECODER.decode(webp);
        assertEquals(BufferedImage.TYPE_INT_ARGB, decoded.getType());
        WebpTools.assertSamePixels(WebpTools.dwebp(webp), decoded);
    }

    @Test
    void truncatedDataIsCorrupt() {
        for (int length : new int[] {lossyPhoto.length / 2, 40, 20, 11}) {
            InputRejectedException e = assertThrows(InputRejectedException.class,
                    () -> DECODER.decode(Arrays.copyOf(lossyPhoto, length)), "length " + length);
            assertEquals(FailureReason.CORRUPT_IMAGE, e.reason(), e.getMessage());
            assertTrue(e.getMessage().startsWith("the webp data cannot be decoded: VP8_STATUS_"), e.getMessage());
        }
        assertEquals(FailureReason.EMPTY_INPUT,
                assertThrows(InputRejectedException.class, () -> DECODER.decode(new byte[0])).reason());
    }

    @Test
    void pixelLimitIsCheckedBeforeDecoding() {
        // a 16000x16000 header with no image data after it: decoding would fail as corrupt, so TOO_MANY_PIXELS
        // proves the limit was applied to the header first
        byte[] headerOnly = vp8xHeader(16000, 16000);
        assertEquals(new WebpFeatures(16000, 16000, false, false), LibwebpDecoder.features(headerOnly));
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> DECODER.decode(headerOnly));
        assertEquals(FailureReason.TOO_MANY_PIXELS, e.reason(), e.getMessage());
        InputRejectedException small = assertThrows(InputRejectedException.class,
                () -> new LibwebpDecoder(DecodeLimits.of(320L * 200 - 1)).decode(lossyPhoto));
        assertEquals(FailureReason.TOO_MANY_PIXELS, small.reason());
        assertEquals(320, new LibwebpDecoder(DecodeLimits.of(320L * 200)).decode(lossyPhoto).getWidth());
    }

    @Test
    void notWebpIsCorrupt() {
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> DECODER.decode("GIF89a this is not webp at all".getBytes()));
        assertEquals(FailureReason.CORRUPT_IMAGE, e.reason());
        assertFalse(e.getMessage().isEmpty());
    }

    /** RIFF + a VP8X chunk declaring the canvas, and a VP8 chunk header whose key frame says the same size. */
    static byte[] vp8xHeader(int width, int height) {
        byte[] file = new byte[12 + 18 + 8 + 10];
        put(file, 0, "RIFF");
        putLe(file, 4, 4 + 18 + 8 + 1000, 4); // a file cut short after the headers
        put(file, 8, "WEBP");
        put(file, 12, "VP8X");
        putLe(file, 16, 10, 4);
        putLe(file, 24, width - 1, 3);
        putLe(file, 27, height - 1, 3);
        put(file, 30, "VP8 ");
        putLe(file, 34, 1000, 4); // declares more than there is
        file[38] = 0x10; // key frame tag, partition size
        file[41] = (byte) 0x9D;
        file[42] = 0x01;
        file[43] = 0x2A;
        putLe(file, 44, width, 2);
        putLe(file, 46, height, 2);
        return file;
    }

    private static void put(byte[] file, int at, String fourcc) {
        System.arraycopy(fourcc.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, file, at, 4);
    }

    private static void putLe(byte[] file, int at, int value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            file[at + i] = (byte) (value >> 8 * i);
        }
    }
}
