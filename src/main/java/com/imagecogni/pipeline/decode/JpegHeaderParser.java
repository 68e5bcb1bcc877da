package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.model.ImageFormat;

/**
 * JPEG: walks the marker segments up to the first SOFn frame header, picking up the EXIF orientation on the way, then
 * counts the scans of the rest of the file against the scan limit; ICC profile chunks are checked on the way.
 */
final class JpegHeaderParser {

    private JpegHeaderParser() {
    }

    static ImageHeader parse(byte[] bytes, int maxScans) {
        ByteReader r = new ByteReader(bytes, false);
        int orientation = 1;
        JpegIccChunks icc = new JpegIccChunks();
        long pos = 2;
        while (true) {
            if (r.u8(pos) != 0xFF) {
                throw HeaderReader.corrupt("JPEG marker expected at byte " + pos);
            }
            while (r.u8(pos) == 0xFF) {
                pos++; // fill bytes before a marker are legal
            }
            int marker = r.u8(pos);
            pos++;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                continue; // standalone markers carry no length
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw HeaderReader.corrupt("JPEG has no frame header before its image data");
            }
            int length = r.u16(pos);
            if (length < 2 || !r.has(pos, length)) {
                throw HeaderReader.corrupt("JPEG segment 0x" + Integer.toHexString(marker) + " is truncated");
            }
            if (marker == 0xE1 && length > 8 && r.matches(pos + 2, "Exif\0\0")) {
                orientation = ExifOrientation.read(bytes, (int) pos + 8, length - 8);
            }
            if (marker == 0xE2) {
                icc.add(r, pos + 2, length - 2);
            }
            if (isStartOfFrame(marker)) {
                int height = r.u16(pos + 3);
                int width = r.u16(pos + 5);
                if (height == 0) {
                    throw HeaderReader.corrupt("JPEG declares its height later (DNL), which is not supported");
                }
                checkComponents(r, pos, length);
                checkScans(JpegScanCounter.count(bytes, (int) (pos + length), maxScans, icc), maxScans);
                icc.check();
                return new ImageHeader(ImageFormat.JPEG, width, height, 1, orientation);
            }
            pos += length;
        }
    }

    /**
     * The frame header's components: the decoder allocates a plane per component, scaled by its sampling factors, so
     * both are held to what JPEG allows (1 to 4 components, factors 1 to 4) and the segment must hold them all.
     */
    private static void checkComponents(ByteReader r, long pos, int length) {
        int components = length >= 8 ? r.u8(pos + 7) : 0;
        if (components < 1 || components > 4 || length != 8 + 3 * components) {
            throw HeaderReader.corrupt("JPEG frame header declares " + components + " colour components in "
                    + length + " bytes; 1 to 4 are supported");
        }
        for (int i = 0; i < components; i++) {
            int sampling = r.u8(pos + 9 + 3L * i);
            int horizontal = sampling >> 4;
            int vertical = sampling & 0x0F;
            if (horizontal < 1 || horizontal > 4 || vertical < 1 || vertical > 4) {
                throw HeaderReader.corrupt("JPEG component " + (i + 1) + " has invalid sampling factors "
                        + horizontal + "x" + vertical);
            }
        }
    }

    private static void checkScans(int scans, int maxScans) {
        if (scans > maxScans) {
            throw new InputRejectedException(FailureReason.TOO_MANY_SCANS, "the JPEG has more than the limit of "
                    + maxScans + " scans (progressive passes); each scan makes the decoder process the whole image again");
        }
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }
}
