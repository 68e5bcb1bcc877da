package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

/**
 * PNG: IHDR first (size, and a bit depth and colour type the decoder knows), then a walk over every chunk up to IEND so
 * each one lies inside the file: the palette holds at most 2^depth entries and comes before the image data, and APNG
 * frame rectangles (not decoded, but declared) lie inside the image.
 */
final class PngHeaderParser {

    private static final int COLOR_PALETTE = 3;
    private static final long MAX_CHUNK = Integer.MAX_VALUE; // the PNG spec limit, and the reader's own

    private PngHeaderParser() {
    }

    static ImageHeader parse(byte[] bytes, DecodeLimits limits) {
        ByteReader r = new ByteReader(bytes, false);
        if (r.u32(8) != 13 || !r.matches(12, "IHDR")) {
            throw HeaderReader.corrupt("PNG does not start with an IHDR chunk");
        }
        long width = r.u32(16);
        long height = r.u32(20);
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw HeaderReader.corrupt("PNG declares an impossible size " + width + "x" + height);
        }
        int depth = r.u8(24);
        int colorType = r.u8(25);
        if (!validDepth(colorType, depth) || r.u8(26) != 0 || r.u8(27) != 0 || r.u8(28) > 1) {
            throw HeaderReader.corrupt("PNG header has an invalid combination: colour type " + colorType + ", depth "
                    + depth + ", compression " + r.u8(26) + ", filter " + r.u8(27) + ", interlace " + r.u8(28));
        }
        // APNG animation frames are not decoded (ImageIO shows the default image), so one frame is counted.
        ImageHeader header = new ImageHeader(ImageFormat.PNG, (int) width, (int) height, 1, 1);
        HeaderReader.checkLimits(header, limits); // a huge declared size is refused as such, whatever follows it
        walkChunks(r, width, height, colorType, depth);
        return header;
    }

    private static boolean validDepth(int colorType, int depth) {
        return switch (colorType) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case COLOR_PALETTE -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
    }

    private static void walkChunks(ByteReader r, long width, long height, int colorType, int depth) {
        long pos = 33; // signature (8) + IHDR chunk (25)
        boolean palette = false;
        boolean imageData = false;
        while (true) {
            if (pos == r.length() && imageData) {
                return; // a missing IEND after the image data is common and harmless
            }
            long length = r.u32(pos);
            if (length > MAX_CHUNK || !r.has(pos + 8, length + 4)) {
                throw HeaderReader.corrupt("PNG chunk at byte " + pos + " runs past the end of the file");
            }
            long data = pos + 8;
            if (r.matches(pos + 4, "IEND")) {
                break;
            } else if (r.matches(pos + 4, "IDAT")) {
                imageData = true;
            } else if (r.matches(pos + 4, "PLTE")) {
                long entries = length / 3;
                long max = colorType == COLOR_PALETTE ? 1L << depth : 256;
                if (palette || imageData || length % 3 != 0 || entries < 1 || entries > max) {
                    throw HeaderReader.corrupt("PNG palette chunk is invalid (" + length + " bytes"
                            + (palette ? ", repeated" : imageData ? ", after the image data" : "") + ")");
                }
                palette = true;
            } else if (r.matches(pos + 4, "fcTL")) {
                checkFrame(r, data, length, width, height);
            }
            if (colorType == COLOR_PALETTE && imageData && !palette) {
                throw HeaderReader.corrupt("PNG palette image has no palette before its image data");
            }
            pos = data + length + 4;
        }
        if (!imageData) {
            throw HeaderReader.corrupt("PNG contains no image data");
        }
    }

    /** An APNG frame control chunk: the frame's rectangle must lie inside the image. */
    private static void checkFrame(ByteReader r, long data, long length, long width, long height) {
        if (length < 26) {
            throw HeaderReader.corrupt("PNG animation frame control chunk is too short");
        }
        long w = r.u32(data + 4);
        long h = r.u32(data + 8);
        long x = r.u32(data + 12);
        long y = r.u32(data + 16);
        if (w < 1 || h < 1 || x + w > width || y + h > height) {
            throw HeaderReader.corrupt("PNG animation frame " + w + "x" + h + " at " + x + "," + y
                    + " lies outside the " + width + "x" + height + " image");
        }
    }
}
