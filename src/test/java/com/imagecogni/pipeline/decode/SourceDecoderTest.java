package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.model.ImageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceDecoderTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final SourceDecoder DECODER = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel());
    private static final BufferedImage IMAGE = TestImages.gradient(64, 48);

    private static FailureReason refusal(SourceDecoder decoder, byte[] bytes) {
        return assertThrows(InputRejectedException.class, () -> decoder.decode(bytes)).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "bmp", "tiff", "webp"})
    void decodesEverySupportedFormatFromItsBytes(String format) {
        DecodedImage d = DECODER.decode(TestImages.encode(IMAGE, format));
        assertEquals(ImageFormat.valueOf(format.toUpperCase(Locale.ROOT)), d.sourceFormat());
        assertEquals(64, d.width());
        assertEquals(48, d.height());
        assertEquals(BufferedImage.TYPE_INT_RGB, d.image().getType());
    }

    @Test
    void keepsAlphaFromPng() {
        BufferedImage argb = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0x80FF0000);
        DecodedImage d = DECODER.decode(TestImages.encode(argb, "png"));
        assertEquals(BufferedImage.TYPE_INT_ARGB, d.image().getType());
        assertEquals(0x80, d.image().getRGB(1, 1) >>> 24);
        assertEquals(0, d.image().getRGB(0, 0) >>> 24);
    }

    @Test
    void refusesEmptyAndNonImages() {
        assertEquals(FailureReason.EMPTY_INPUT, refusal(DECODER, new byte[0]));
        assertEquals(FailureReason.EMPTY_INPUT, refusal(DECODER, null));
        byte[] text = "this is a text file named holiday.jpg\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(FailureReason.UNSUPPORTED_FORMAT, refusal(DECODER, text));
        assertEquals(FailureReason.UNSUPPORTED_FORMAT, refusal(DECODER, new byte[] {(byte) 0xFF, (byte) 0xD8}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "bmp", "tiff", "webp"})
    void refusesTruncatedFilesWithATypedError(String format) {
        byte[] whole = TestImages.encode(TestImages.gradient(200, 150), format);
        for (double keep : new double[] {0.6, 0.3, 0.05}) {
            byte[] cut = Arrays.copyOf(whole, Math.max(8, (int) (whole.length * keep)));
            InputRejectedException e = assertThrows(InputRejectedException.class, () -> DECODER.decode(cut),
                    format + " cut to " + keep);
            assertTrue(e.reason() == FailureReason.CORRUPT_IMAGE, format + " -> " + e.reason() + ": " + e.getMessage());
        }
    }

    /** A valid PNG signature and IHDR declaring 30000x30000 (900 MP) followed by nothing: only a header check can refuse it as too large. */
    @Test
    void refusesAHugeDeclaredPngFromItsHeaderAlone() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(30_000).putInt(30_000).put(new byte[] {8, 6, 0, 0, 0});
        byte[] chunk = pngChunk("IHDR", ihdr.array());
        byte[] png = TestImages.concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, chunk,
                pngChunk("IEND", new byte[0]));
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> DECODER.decode(png));
        assertEquals(FailureReason.TOO_MANY_PIXELS, e.reason());
        assertTrue(e.getMessage().contains("30000x30000"), e.getMessage());
    }

    @Test
    void probeRefusesTooLargeHeadersBeforeDecoding() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(30_000).putInt(30_000).put(new byte[] {8, 6, 0, 0, 0});
        byte[] png = TestImages.concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, pngChunk("IHDR", ihdr.array()));
        assertEquals(FailureReason.TOO_MANY_PIXELS,
                assertThrows(InputRejectedException.class, () -> DECODER.probe(png)).reason());
        ImageHeader small = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel())
                .probe(TestImages.encode(IMAGE, "png"));
        assertEquals(64 * 48, small.totalPixels());
    }

    @Test
    void enforcesThePixelLimit() {
        byte[] png = TestImages.encode(TestImages.gradient(100, 100), "png");
        assertEquals(FailureReason.TOO_MANY_PIXELS, refusal(new SourceDecoder(DecodeLimits.of(9_999),
                RUNTIME.parallel()), png));
        assertEquals(100, new SourceDecoder(DecodeLimits.of(10_000), RUNTIME.parallel()).decode(png).width());
    }

    @Test
    void countsAnimationFramesAgainstTheLimits() {
        byte[] gif = TestImages.animatedGif(100, 100, 3);
        assertEquals(3, DECODER.probe(gif).frames());
        assertEquals(FailureReason.TOO_MANY_FRAMES, refusal(new SourceDecoder(new DecodeLimits(1_000_000, 2),
                RUNTIME.parallel()), gif));
        assertEquals(FailureReason.TOO_MANY_PIXELS, refusal(new SourceDecoder(new DecodeLimits(29_999, 10),
                RUNTIME.parallel()), gif));
        DecodedImage first = new SourceDecoder(new DecodeLimits(30_000, 3), RUNTIME.parallel()).decode(gif);
        assertEquals(100, first.width());
    }

    @Test
    void animatedWebpIsCountedAndItsFirstFrameDecodedByTheSystemLibwebp() {
        byte[] webp = TestImages.animatedWebp(40, 30);
        ImageHeader h = DECODER.probe(webp);
        assertEquals(2, h.frames());
        assertEquals(40, h.width());
        if (com.imagecogni.pipeline.codec.Codecs.libwebp()) {
            DecodedImage first = DECODER.decode(webp);
            assertEquals(40, first.width());
            assertEquals(30, first.height());
        } else {
            // webp-imageio's still decoder cannot: the refusal names the library to install
            assertEquals(FailureReason.FORMAT_NOT_AVAILABLE, refusal(DECODER, webp));
        }
        assertEquals(FailureReason.TOO_MANY_PIXELS, refusal(new SourceDecoder(DecodeLimits.of(2_399),
                RUNTIME.parallel()), webp));
    }

    @Test
    void recognisesFormatByBytesNotByName() {
        assertEquals(ImageFormat.PNG, FormatSniffer.detect(TestImages.encode(IMAGE, "png")).orElseThrow());
        assertEquals(ImageFormat.WEBP, FormatSniffer.detect(TestImages.encode(IMAGE, "webp")).orElseThrow());
        assertEquals(ImageFormat.TIFF, FormatSniffer.detect(TestImages.encode(IMAGE, "tiff")).orElseThrow());
    }

    /** 1.5 MB of zTXt that inflates to 1.5 GB: the JDK reader inflated it while building metadata and ran out of heap. */
    @Test
    void compressedPngTextIsNotInflated() {
        byte[] png = TestImages.encode(IMAGE, "png");
        byte[] text = TestImages.concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), zerosDeflated(1536));
        byte[] bomb = TestImages.concat(Arrays.copyOf(png, 33), pngChunk("zTXt", text), Arrays.copyOfRange(png, 33, png.length));
        assertEquals(64, DECODER.decode(bomb).width());
    }

    /** A zlib stream of {@code mib} MiB of zeros, built from one flushed 1 MiB block repeated (deflating it all is slow). */
    private static byte[] zerosDeflated(int mib) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        deflater.setInput(new byte[1 << 20]);
        byte[] buffer = new byte[1 << 16];
        int n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
        deflater.end();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x78);
        out.write(0xDA);
        for (int i = 0; i < mib; i++) {
            out.write(buffer, 0, n); // byte-aligned and self-contained: it starts with a literal, not a back-reference
        }
        out.write(0x03); // final fixed-Huffman block holding only end-of-block
        out.write(0x00);
        long b = (long) mib * (1 << 20) % 65521; // Adler-32 of zeros: a stays 1, b grows by 1 per byte
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) (b << 16 | 1)).array());
        return out.toByteArray();
    }

    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }
}
