package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.model.ImageFormat;

import java.util.Set;

/**
 * BMP: the DIB header as the JDK reader interprets it, with every size it allocates from bounded by the file: the
 * palette (the gap before the pixels), the pixel data (uncompressed rows, or the RLE stream whose length comes from
 * {@code imageSize} or the declared file size), and a v5 embedded ICC profile. Embedded JPEG/PNG bitmaps are refused:
 * the reader buffers {@code imageSize} bytes for them and decodes a second header this parse never sees.
 */
final class BmpHeaderParser {

    private static final int BI_RGB = 0;
    private static final int BI_RLE8 = 1;
    private static final int BI_RLE4 = 2;
    private static final int BI_BITFIELDS = 3;
    private static final int BI_JPEG = 4;
    private static final int BI_PNG = 5;
    private static final long PROFILE_LINKED = 0x4C494E4BL; // 'LINK'
    private static final long PROFILE_EMBEDDED = 0x4D424544L; // 'MBED'
    private static final int FILE_HEADER = 14;
    /** Header sizes the JDK reader knows: OS/2 1.x, Windows 3.x, V2, V3, V4, V5. */
    private static final Set<Long> HEADER_SIZES = Set.of(12L, 40L, 52L, 56L, 108L, 124L);
    private static final int MAX_PALETTE = 256;

    private BmpHeaderParser() {
    }

    static ImageHeader parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes, true);
        long pixelOffset = r.u32(10);
        long dibSize = r.u32(14);
        if (!HEADER_SIZES.contains(dibSize)) {
            throw HeaderReader.corrupt("BMP has an unknown header size " + dibSize);
        }
        boolean core = dibSize == 12;
        long width = core ? (short) r.u16(18) : r.i32(18);
        long height = Math.abs(core ? (short) r.u16(20) : (long) r.i32(22)); // negative height: top-down rows
        int bitsPerPixel = r.u16(core ? 24 : 28);
        long compression = core ? BI_RGB : r.u32(30);
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw HeaderReader.corrupt("BMP declares an impossible size " + width + "x" + height);
        }
        checkEncoding(core, bitsPerPixel, compression);
        long colorsUsed = core ? 0 : r.u32(46);
        if (colorsUsed > MAX_PALETTE || bitsPerPixel <= 8 && colorsUsed > 1L << bitsPerPixel) {
            throw HeaderReader.corrupt("BMP declares " + colorsUsed + " palette colours for " + bitsPerPixel
                    + " bits per pixel");
        }
        // Windows 3.x bitfields: three masks and a palette of colorsUsed entries follow the header
        long headerEnd = FILE_HEADER + dibSize
                + (dibSize == 40 && compression == BI_BITFIELDS ? 12 + 4 * colorsUsed : 0);
        if (pixelOffset < headerEnd || pixelOffset > r.length()) {
            throw HeaderReader.corrupt("BMP pixel data offset " + pixelOffset + " lies outside the file or inside its header");
        }
        long gap = pixelOffset - FILE_HEADER - dibSize;
        // the reader turns the whole gap into palette entries; more than 256 cannot be indexed by 8-bit pixels
        if (bitsPerPixel <= 8 && gap / (core ? 3 : 4) > MAX_PALETTE) {
            throw HeaderReader.corrupt("BMP palette has " + gap / (core ? 3 : 4) + " entries; at most "
                    + MAX_PALETTE + " can be used");
        }
        long available = r.length() - pixelOffset;
        if (compression == BI_RLE8 || compression == BI_RLE4) {
            checkRunLength(r, pixelOffset, available);
        } else {
            long rowBytes = (bitsPerPixel * width + 31) / 32 * 4;
            if (height > available / rowBytes) {
                throw HeaderReader.corrupt("BMP pixel data is truncated");
            }
        }
        if (dibSize == 124) {
            checkProfile(r, gap);
        }
        return new ImageHeader(ImageFormat.BMP, (int) width, (int) height, 1, 1);
    }

    private static void checkEncoding(boolean core, int bitsPerPixel, long compression) {
        if (compression == BI_JPEG || compression == BI_PNG) {
            throw new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT,
                    "BMP with an embedded JPEG or PNG image is not supported; send the JPEG or PNG itself");
        }
        boolean depthKnown = switch (bitsPerPixel) {
            case 1, 4, 8, 24 -> true;
            case 16, 32 -> !core;
            default -> false;
        };
        if (!depthKnown) {
            throw HeaderReader.corrupt("BMP has an unsupported bit depth " + bitsPerPixel);
        }
        boolean matches = compression == BI_RGB
                || compression == BI_RLE8 && bitsPerPixel == 8
                || compression == BI_RLE4 && bitsPerPixel == 4
                || compression == BI_BITFIELDS && (bitsPerPixel == 16 || bitsPerPixel == 32);
        if (!matches) {
            throw HeaderReader.corrupt("BMP compression " + compression + " does not fit " + bitsPerPixel
                    + " bits per pixel");
        }
    }

    /** The reader buffers {@code imageSize} bytes of RLE data, or the declared file size less the offset when 0. */
    private static void checkRunLength(ByteReader r, long pixelOffset, long available) {
        long imageSize = r.u32(34);
        long stream = imageSize != 0 ? imageSize : r.u32(2) - pixelOffset;
        if (stream <= 0 || stream > available) {
            throw HeaderReader.corrupt("BMP run-length data declares " + stream + " bytes but the file holds "
                    + available + " after the header");
        }
    }

    /** A V5 header's linked or embedded profile: read from after the palette, it must lie inside the file. */
    private static void checkProfile(ByteReader r, long gap) {
        long colorSpace = r.u32(FILE_HEADER + 56);
        if (colorSpace != PROFILE_EMBEDDED && colorSpace != PROFILE_LINKED) {
            return;
        }
        long profileData = r.u32(FILE_HEADER + 112);
        long profileSize = r.i32(FILE_HEADER + 116);
        if (profileData < 124 || profileSize < 0 || FILE_HEADER + gap + profileData + profileSize > r.length()) {
            throw HeaderReader.corrupt("BMP colour profile (" + profileSize + " bytes at " + profileData
                    + ") lies outside the file");
        }
    }
}
