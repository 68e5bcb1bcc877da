package com.imagecogni.pipeline;

import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.encode.WebpEncoder;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small valid files of every input format (plus a JPEG with an ICC profile and EXIF orientation, to reach the colour
 * conversion and the re-orientation), each with the offsets of its size-bearing header fields for the fuzzer to corrupt.
 */
final class FuzzSeeds {

    /** A header field: {@code length} bytes at {@code offset}, in the file's byte order. */
    record Field(int offset, int length, boolean littleEndian) {
    }

    /** One seed file: a label for failure messages, its bytes, and the header fields worth corrupting. */
    record Seed(String name, byte[] bytes, List<Field> fields) {
    }

    private static final int W = 48;
    private static final int H = 32;

    private FuzzSeeds() {
    }

    static List<Seed> all() {
        BufferedImage opaque = TestImages.gradient(W, H);
        byte[] baseline = TestImages.encode(opaque, "jpeg");
        byte[] progressive = TestImages.progressiveJpeg(opaque);
        byte[] png = TestImages.encode(opaque, "png");
        byte[] pngAlpha = TestImages.encode(withAlpha(opaque), "png");
        byte[] gif = TestImages.encode(opaque, "gif");
        byte[] animated = TestImages.animatedGif(W, H, 3);
        byte[] webp = new WebpEncoder().encode(opaque, EncodeOptions.DEFAULT);
        byte[] bmp = TestImages.encode(opaque, "bmp");
        byte[] tiff = TestImages.encode(opaque, "tiff");
        byte[] jpegIcc = withJpegIcc(TestImages.jpegWithOrientation(opaque, 6));
        return List.of(
                new Seed("jpeg-baseline", baseline, jpegFields(baseline)),
                new Seed("jpeg-progressive", progressive, jpegFields(progressive)),
                new Seed("jpeg-icc-exif", jpegIcc, jpegFields(jpegIcc)),
                new Seed("png", png, pngFields()),
                new Seed("png-alpha", pngAlpha, pngFields()),
                new Seed("gif", gif, gifFields(gif)),
                new Seed("gif-animated", animated, gifFields(animated)),
                new Seed("webp-lossy", webp, webpFields(webp)),
                new Seed("bmp", bmp, bmpFields()),
                new Seed("tiff", tiff, tiffFields(tiff)));
    }

    private static BufferedImage withAlpha(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out.setRGB(x, y, (x * 255 / (img.getWidth() - 1)) << 24 | (img.getRGB(x, y) & 0xFFFFFF));
            }
        }
        return out;
    }

    /** A linear-RGB profile: not sRGB, so the decoder's ICC conversion runs on it. */
    private static byte[] iccProfile() {
        return ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    }

    /** The profile in an APP2 ICC_PROFILE segment (chunk 1 of 1) right after SOI. */
    private static byte[] withJpegIcc(byte[] jpeg) {
        byte[] profile = iccProfile();
        byte[] head = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + head.length + 2 + profile.length;
        byte[] segment = TestImages.concat(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length},
                head, new byte[] {1, 1}, profile);
        return TestImages.concat(Arrays.copyOf(jpeg, 2), segment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** Every segment length, the ICC profile size, and height and width of the SOFn frame header. */
    private static List<Field> jpegFields(byte[] b) {
        List<Field> fields = new ArrayList<>();
        int pos = 2;
        while (pos + 3 < b.length && (b[pos] & 0xFF) == 0xFF) {
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xD9) {
                break;
            }
            int length = u16be(b, pos + 2);
            fields.add(new Field(pos + 2, 2, false));
            if (marker == 0xE2 && length >= 20) {
                fields.add(new Field(pos + 4 + 14, 4, false)); // size field of the ICC profile header
            }
            if (marker >= 0xC0 && marker <= 0xC2) {
                fields.add(new Field(pos + 5, 2, false));
                fields.add(new Field(pos + 7, 2, false));
            }
            if (marker == 0xDA) {
                break; // entropy data follows; the fields before the first scan are the interesting ones
            }
            pos += 2 + length;
        }
        return fields;
    }

    /** IHDR length, width, height, bit depth and colour type. */
    private static List<Field> pngFields() {
        return List.of(new Field(8, 4, false), new Field(16, 4, false), new Field(20, 4, false),
                new Field(24, 1, false), new Field(25, 1, false));
    }

    /** Logical screen size and the first image descriptor's position and size. */
    private static List<Field> gifFields(byte[] b) {
        List<Field> fields = new ArrayList<>(List.of(new Field(6, 2, true), new Field(8, 2, true)));
        int pos = 13 + ((b[10] & 0x80) != 0 ? 3 * (1 << ((b[10] & 7) + 1)) : 0);
        while (pos < b.length && b[pos] == 0x21) {
            pos += 2;
            while (b[pos] != 0) {
                pos += 1 + (b[pos] & 0xFF);
            }
            pos++;
        }
        for (int i = 1; i <= 7; i += 2) {
            fields.add(new Field(pos + i, 2, true));
        }
        return fields;
    }

    /** RIFF size, VP8 chunk size, and the 14-bit width and height (with scale bits) of the VP8 key frame. */
    private static List<Field> webpFields(byte[] b) {
        if (!new String(b, 12, 4, StandardCharsets.US_ASCII).equals("VP8 ")) {
            throw new IllegalStateException("expected a simple lossy WebP");
        }
        return List.of(new Field(4, 4, true), new Field(16, 4, true), new Field(26, 2, true), new Field(28, 2, true));
    }

    /** Pixel data offset, DIB header size, width, height, bits per pixel and compression. */
    private static List<Field> bmpFields() {
        return List.of(new Field(10, 4, true), new Field(14, 4, true), new Field(18, 4, true), new Field(22, 4, true),
                new Field(28, 2, true), new Field(30, 4, true));
    }

    /** IFD offset, entry count, and the values of the size, layout and strip tags of IFD0. */
    private static List<Field> tiffFields(byte[] b) {
        boolean little = b[0] == 'I';
        int ifd = (int) u32(b, 4, little);
        List<Field> fields = new ArrayList<>(List.of(new Field(4, 4, little), new Field(ifd, 2, little)));
        int count = u16(b, ifd, little);
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + 12 * i;
            int tag = u16(b, entry, little);
            int type = u16(b, entry + 2, little);
            if (tag >= 256 && tag <= 279) { // width, height, bits, compression, photometric, strips, samples, rows
                fields.add(new Field(entry + 4, 4, little)); // value count
                fields.add(new Field(entry + 8, type == 3 ? 2 : 4, little)); // value or offset to the values
            }
        }
        return fields;
    }

    private static int u16be(byte[] b, int pos) {
        return ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
    }

    private static int u16(byte[] b, int pos, boolean little) {
        return little ? (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8) : u16be(b, pos);
    }

    private static long u32(byte[] b, int pos, boolean little) {
        long lo = u16(b, little ? pos : pos + 2, little);
        long hi = u16(b, little ? pos + 2 : pos, little);
        return hi << 16 | lo;
    }
}
