package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

/** BMP: size from the DIB header; for uncompressed bitmaps the pixel array must fit in the file (catches truncation). */
final class BmpHeaderParser {

    private static final int BI_RGB = 0;
    private static final int BI_BITFIELDS = 3;

    private BmpHeaderParser() {
    }

    static ImageHeader parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes, true);
        long pixelOffset = r.u32(10);
        long dibSize = r.u32(14);
        long width;
        long height;
        int bitsPerPixel;
        long compression = BI_RGB;
        if (dibSize == 12) {
            width = r.u16(18);
            height = r.u16(20);
            bitsPerPixel = r.u16(24);
        } else if (dibSize >= 40) {
            width = r.i32(18);
            height = Math.abs((long) r.i32(22)); // negative height means top-down rows
            bitsPerPixel = r.u16(28);
            compression = r.u32(30);
        } else {
            throw HeaderReader.corrupt("BMP has an unknown header size " + dibSize);
        }
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw HeaderReader.corrupt("BMP declares an impossible size " + width + "x" + height);
        }
        if (compression == BI_RGB || compression == BI_BITFIELDS) {
            long rowBytes = (bitsPerPixel * width + 31) / 32 * 4;
            if (bitsPerPixel < 1 || !r.has(pixelOffset, rowBytes * height)) {
                throw HeaderReader.corrupt("BMP pixel data is truncated");
            }
        }
        return new ImageHeader(ImageFormat.BMP, (int) width, (int) height, 1, 1);
    }
}
