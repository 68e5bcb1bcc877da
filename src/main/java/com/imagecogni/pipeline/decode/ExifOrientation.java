package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.InputRejectedException;

/** Reads the orientation tag (0x0112) from IFD0 of a TIFF-structured EXIF block. */
final class ExifOrientation {

    static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {
    }

    /**
     * Orientation 1..8 from a TIFF structure starting at {@code start}; 1 when absent. A broken EXIF block must not
     * cost the customer an otherwise decodable image, so structural errors here also yield 1 (upright).
     */
    static int read(byte[] data, int start, int length) {
        try {
            ByteReader r = new ByteReader(data, start, length, true);
            boolean little;
            if (r.matches(0, "II")) {
                little = true;
            } else if (r.matches(0, "MM")) {
                little = false;
            } else {
                return 1;
            }
            r = r.withOrder(little);
            if (r.u16(2) != 42) {
                return 1;
            }
            return fromIfd(r, r.u32(4));
        } catch (InputRejectedException truncatedExif) {
            return 1;
        }
    }

    /** Orientation from an IFD already located in a TIFF file (used for TIFF sources themselves). */
    static int fromIfd(ByteReader r, long ifdOffset) {
        int count = r.u16(ifdOffset);
        for (int i = 0; i < count; i++) {
            long entry = ifdOffset + 2 + 12L * i;
            if (r.u16(entry) == TAG_ORIENTATION) {
                int value = r.u16(entry + 8);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }
}
