package com.imagecogni.pipeline.decode;

/** Finds the frame size (SOFn) of a JPEG stream embedded in another file, such as a JPEG-compressed TIFF tile. */
final class JpegFrameSize {

    private JpegFrameSize() {
    }

    /**
     * @param r a big-endian reader over the whole file
     * @param start the stream's first byte (its SOI marker)
     * @param end one past the stream's last byte
     * @return {width, height} of the first frame header, or null when the stream has none before its scan data
     */
    static int[] find(ByteReader r, long start, long end) {
        if (end - start < 4 || r.u8(start) != 0xFF || r.u8(start + 1) != 0xD8) {
            return null;
        }
        long pos = start + 2;
        while (pos + 4 <= end) {
            if (r.u8(pos) != 0xFF) {
                return null;
            }
            int marker = r.u8(pos + 1);
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                pos += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return null;
            }
            int length = r.u16(pos + 2);
            if (length < 2 || pos + 2 + length > end) {
                return null;
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return length < 7 ? null : new int[] {r.u16(pos + 7), r.u16(pos + 5)};
            }
            pos += 2 + length;
        }
        return null;
    }
}
