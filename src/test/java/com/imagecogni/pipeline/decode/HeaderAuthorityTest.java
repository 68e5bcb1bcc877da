package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.TestImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static com.imagecogni.pipeline.decode.AttackFiles.ascii;
import static com.imagecogni.pipeline.decode.AttackFiles.le;
import static com.imagecogni.pipeline.decode.AttackFiles.tiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The class behind issue #12, format by format: files whose data would make the decoder allocate (or decode) something
 * other than what the header parse checked are refused by the parse itself, before any decoding, with a message that
 * names the problem.
 */
class HeaderAuthorityTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final SourceDecoder DECODER = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel());
    private static final FailureReason CORRUPT = FailureReason.CORRUPT_IMAGE;
    private static final Set<Integer> LONG_TAGS = Set.of(273, 278, 279);

    @ParameterizedTest(name = "{0}")
    @MethodSource("disagreeingFiles")
    void theHeaderParseRefusesIt(String name, byte[] bytes, FailureReason reason, String message) {
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> DECODER.probe(bytes), name);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static Stream<Arguments> disagreeingFiles() {
        return Stream.of(
                arguments("webp: VP8X canvas 1x1, image chunk 8000x8000", webpExtended(1, 1, 8000), CORRUPT, "canvas is 1x1"),
                arguments("webp: an unknown chunk before the image", webpJunkFirst(), CORRUPT, "must start with"),
                arguments("webp: animation frame outside the canvas", webpAnimatedFrame(16, 16, 4000), CORRUPT, "outside"),
                arguments("webp: lossless with an unknown version", webpLossless(7), CORRUPT, "unknown version"),
                arguments("bmp: RLE8 imageSize past the file", bmp(40, 8, 1, 1_500_000_000L, 0, 54 + 1024, 58), CORRUPT, "run-length"),
                arguments("bmp: RLE8 from a declared file size past the file", bmp(40, 8, 1, 0, 0, 54 + 1024, 0xFFFF_FFF0L), CORRUPT, "run-length"),
                arguments("bmp: palette gap of 2000 entries", bmp(40, 8, 0, 0, 0, 54 + 8000, 0), CORRUPT, "palette has 2000"),
                arguments("bmp: 100000 colours used", bmp(40, 24, 0, 0, 100_000, 54, 0), CORRUPT, "100000 palette colours"),
                arguments("bmp: bit depth 7", bmp(40, 7, 0, 0, 0, 54, 0), CORRUPT, "bit depth 7"),
                arguments("bmp: OS/2 2.x header", bmp(64, 24, 0, 0, 0, 78, 0), CORRUPT, "header size 64"),
                arguments("bmp: V5 profile outside the file", bmpV5Profile(), CORRUPT, "colour profile"),
                arguments("tiff: 40000 rows per strip in a 100x1 image", tiffWith(256, 100, 257, 1, 278, 40_000), CORRUPT, "strips of 100x40000"),
                arguments("tiff: one strip listed where two are needed", tiffWith(278, 8), CORRUPT, "needs 2"),
                arguments("tiff: 64 samples per pixel", tiffWith(277, 64), CORRUPT, "64 samples"),
                arguments("tiff: 4 samples of 32 bits", tiffWith(258, 32, 277, 4), CORRUPT, "128 bits"),
                arguments("tiff: old-style JPEG", tiffWith(259, 6), FailureReason.UNSUPPORTED_FORMAT, "old-style JPEG"),
                arguments("tiff: a tag's values outside the file", tiffTagOutside(), CORRUPT, "outside the file"),
                arguments("tiff: the same tag twice", tiffDuplicate(), CORRUPT, "appears twice"),
                arguments("tiff: ICC profile larger than its tag", tiffIcc(), CORRUPT, "ICC profile declares"),
                arguments("tiff: JPEG tile of 40000x40000 in a 16x16 tile", tiffJpegStrip(), CORRUPT, "40000x40000"),
                arguments("png: a chunk declaring 1 GB", pngWith("tEXt", 1 << 30, new byte[16]), CORRUPT, "runs past the end"),
                arguments("png: palette of 300 entries", pngWith("PLTE", 900, new byte[900]), CORRUPT, "palette chunk is invalid"),
                arguments("png: APNG frame outside the image", pngWith("fcTL", 26, fctl(64, 64)), CORRUPT, "outside the 16x16"),
                arguments("png: colour type 2 at depth 4", pngDepth(2, 4), CORRUPT, "invalid combination"),
                arguments("gif: empty first frame", gif(0, 8, 2), CORRUPT, "is empty"),
                arguments("gif: LZW code size 12", gif(8, 8, 12), CORRUPT, "code size 12"),
                arguments("jpeg: 5 colour components", jpegSof(5, 0x11), CORRUPT, "5 colour components"),
                arguments("jpeg: sampling factor 0", jpegSof(3, 0x01), CORRUPT, "sampling factors 0x1"));
    }

    /** RIFF/WEBP around the given chunks. */
    private static byte[] riff(byte[]... chunks) {
        byte[] body = TestImages.concat(chunks);
        ByteBuffer b = le(12 + body.length);
        b.put(ascii("RIFF")).putInt(4 + body.length).put(ascii("WEBP")).put(body);
        return b.array();
    }

    private static byte[] chunk(String fourcc, byte[] data) {
        ByteBuffer b = le(8 + data.length + (data.length & 1));
        b.put(ascii(fourcc)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] vp8(int size) {
        ByteBuffer b = le(18);
        AttackFiles.vp8Chunk(b, size, size);
        return b.array();
    }

    private static byte[] vp8x(int flags, int width, int height) {
        ByteBuffer b = le(10);
        b.put((byte) flags).put(new byte[3]).put(u24(width - 1)).put(u24(height - 1));
        return chunk("VP8X", b.array());
    }

    private static byte[] webpExtended(int width, int height, int image) {
        return riff(vp8x(0, width, height), vp8(image));
    }

    private static byte[] webpJunkFirst() {
        return riff(chunk("JUNK", new byte[10]), vp8(16));
    }

    private static byte[] webpAnimatedFrame(int width, int height, int frame) {
        byte[] anmf = TestImages.concat(u24(0), u24(0), u24(frame - 1), u24(frame - 1), u24(100), new byte[1], vp8(frame));
        return riff(vp8x(0x02, width, height), chunk("ANIM", new byte[6]), chunk("ANMF", anmf));
    }

    private static byte[] webpLossless(int version) {
        ByteBuffer b = le(5);
        b.put((byte) 0x2F).putInt(15 | 15 << 14 | version << 29);
        return riff(chunk("VP8L", b.array()));
    }

    private static byte[] u24(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16)};
    }

    /** A 4x4 BMP with the given header fields and enough zero bytes after {@code pixelOffset} for its rows. */
    private static byte[] bmp(int dibSize, int bits, int compression, long imageSize, long colorsUsed, int pixelOffset,
            long fileSizeField) {
        ByteBuffer b = le(pixelOffset + 64);
        b.put(ascii("BM")).putInt((int) fileSizeField).putInt(0).putInt(pixelOffset);
        b.putInt(dibSize).putInt(4).putInt(4).putShort((short) 1).putShort((short) bits).putInt(compression)
                .putInt((int) imageSize).putInt(0).putInt(0).putInt((int) colorsUsed).putInt(0);
        return b.array();
    }

    /** A 24-bit V5 BMP whose embedded profile ('MBED') claims 1 MB at the end of the header. */
    private static byte[] bmpV5Profile() {
        byte[] b = bmp(124, 24, 0, 0, 0, 138, 0);
        ByteBuffer w = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        w.putInt(14 + 56, 0x4D424544).putInt(14 + 112, 124).putInt(14 + 116, 1 << 20);
        return b;
    }

    /** A valid 16x16 grey strip TIFF, with {tag, value, ...} pairs added or replacing its own entries. */
    private static byte[] tiffWith(int... changes) {
        TreeMap<Integer, Integer> tags = new TreeMap<>(Map.of(256, 16, 257, 16, 258, 8, 259, 1, 262, 1, 273, 0,
                278, 16, 279, 256));
        for (int i = 0; i < changes.length; i += 2) {
            tags.put(changes[i], changes[i + 1]);
        }
        int dataAt = 8 + 2 + 12 * tags.size() + 4;
        tags.put(273, dataAt);
        return tiff(tags.entrySet().stream().map(e -> new int[] {e.getKey(), LONG_TAGS.contains(e.getKey()) ? 4 : 3,
            e.getValue()}).toArray(int[][]::new), 256);
    }

    /** ImageWidth twice, with two different values: which one would the decoder use? */
    private static byte[] tiffDuplicate() {
        return tiff(new int[][] {{256, 3, 16}, {256, 3, 4000}, {257, 3, 16}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
            {273, 4, 8 + 2 + 12 * 9 + 4}, {278, 4, 16}, {279, 4, 256}}, 256);
    }

    /** A tag (ImageDescription, ASCII) whose 100000 characters would lie far past the end of the file. */
    private static byte[] tiffTagOutside() {
        byte[] b = tiffWith(270, 0);
        ByteBuffer w = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int entry = 10; entry < b.length - 12; entry += 12) {
            if (w.getShort(entry) == 270) {
                w.putShort(entry + 2, (short) 2).putInt(entry + 4, 100_000).putInt(entry + 8, 50_000);
            }
        }
        return b;
    }

    /** An ICC profile tag (UNDEFINED, 128 bytes) whose profile header claims 1 MB. */
    private static byte[] tiffIcc() {
        byte[] b = tiffWith(34675, 0);
        ByteBuffer w = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int entry = 10; entry < b.length - 12; entry += 12) {
            if ((w.getShort(entry) & 0xFFFF) == 34675) {
                w.putShort(entry + 2, (short) 7).putInt(entry + 4, 128).putInt(entry + 8, b.length - 128);
            }
        }
        ByteBuffer.wrap(b).putInt(b.length - 128, 1 << 20); // ICC sizes are big-endian
        return b;
    }

    /** A 16x16 JPEG-compressed TIFF whose one strip is a JPEG frame header declaring 40000x40000. */
    private static byte[] tiffJpegStrip() {
        byte[] sof = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, (byte) 0x9C, 0x40, (byte) 0x9C,
            0x40, 1, 1, 0x11, 0, (byte) 0xFF, (byte) 0xD9};
        byte[] b = tiffWith(259, 7);
        ByteBuffer w = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int data = w.getInt(10 + 12 * 5 + 8); // StripOffsets is the sixth entry
        System.arraycopy(sof, 0, b, data, sof.length);
        return b;
    }

    /** A 16x16 RGB PNG (IHDR, then the given chunk, then a valid image's IDAT and IEND). */
    private static byte[] pngWith(String type, int declaredLength, byte[] data) {
        byte[] png = TestImages.encode(TestImages.gradient(16, 16), "png");
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(declaredLength).put(ascii(type)).put(data).putInt(0);
        return TestImages.concat(Arrays.copyOf(png, 33), chunk.array(), Arrays.copyOfRange(png, 33, png.length));
    }

    private static byte[] fctl(int width, int height) {
        return ByteBuffer.allocate(26).putInt(0).putInt(width).putInt(height).putInt(0).putInt(0).array();
    }

    private static byte[] pngDepth(int colorType, int depth) {
        byte[] png = TestImages.encode(TestImages.gradient(16, 16), "png");
        png[24] = (byte) depth;
        png[25] = (byte) colorType;
        return png;
    }

    /** GIF89a 8x8 with one frame of the given size and LZW code size (no colour tables, one empty data block). */
    private static byte[] gif(int frameWidth, int frameHeight, int codeSize) {
        ByteBuffer b = le(13 + 10 + 3);
        b.put(ascii("GIF89a")).putShort((short) 8).putShort((short) 8).put(new byte[3]);
        b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) frameWidth)
                .putShort((short) frameHeight).put((byte) 0);
        b.put((byte) codeSize).put((byte) 0).put((byte) 0x3B);
        return b.array();
    }

    /** SOI and a baseline frame header of 16x16 with {@code components} components of the given sampling byte. */
    private static byte[] jpegSof(int components, int sampling) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 3 * components + 2);
        b.put(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0}).putShort((short) (8 + 3 * components))
                .put((byte) 8).putShort((short) 16).putShort((short) 16).put((byte) components);
        for (int i = 0; i < components; i++) {
            b.put((byte) (i + 1)).put((byte) sampling).put((byte) 0);
        }
        b.put((byte) 0xFF).put((byte) 0xD9);
        return b.array();
    }
}
