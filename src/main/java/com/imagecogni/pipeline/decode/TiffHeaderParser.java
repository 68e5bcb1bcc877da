package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.model.ImageFormat;

/** TIFF: size and orientation from IFD0; strip/tile data must lie inside the file (catches truncation). Only page 1 is used. */
final class TiffHeaderParser {

    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;

    private TiffHeaderParser() {
    }

    static ImageHeader parse(byte[] bytes) {
        boolean little = bytes[0] == 'I';
        ByteReader r = new ByteReader(bytes, little);
        if (r.u16(2) != 42) {
            throw new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT, "BigTIFF is not supported");
        }
        long ifd = r.u32(4);
        int count = r.u16(ifd);
        long width = 0;
        long height = 0;
        long dataEnd = 0;
        long[] offsets = null;
        long[] counts = null;
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            int tag = r.u16(entry);
            switch (tag) {
                case 256 -> width = values(r, entry)[0];
                case 257 -> height = values(r, entry)[0];
                case 273, 324 -> offsets = values(r, entry);
                case 279, 325 -> counts = values(r, entry);
                default -> { }
            }
        }
        if (offsets == null || counts == null || offsets.length != counts.length) {
            throw HeaderReader.corrupt("TIFF has no consistent strip or tile table");
        }
        for (int i = 0; i < offsets.length; i++) {
            dataEnd = Math.max(dataEnd, offsets[i] + counts[i]);
        }
        if (dataEnd > r.length()) {
            throw HeaderReader.corrupt("TIFF image data is truncated");
        }
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw HeaderReader.corrupt("TIFF declares an impossible size " + width + "x" + height);
        }
        return new ImageHeader(ImageFormat.TIFF, (int) width, (int) height, 1, ExifOrientation.fromIfd(r, ifd));
    }

    private static long[] values(ByteReader r, long entry) {
        int type = r.u16(entry + 2);
        long n = r.u32(entry + 4);
        int unit = type == TYPE_SHORT ? 2 : type == TYPE_LONG ? 4 : 0;
        if (unit == 0 || n < 1 || n > 1_000_000) {
            throw HeaderReader.corrupt("TIFF tag " + r.u16(entry) + " has an unexpected type or count");
        }
        long start = unit * n <= 4 ? entry + 8 : r.u32(entry + 8);
        long[] out = new long[(int) n];
        for (int i = 0; i < n; i++) {
            out[i] = unit == 2 ? r.u16(start + 2L * i) : r.u32(start + 4L * i);
        }
        return out;
    }
}
