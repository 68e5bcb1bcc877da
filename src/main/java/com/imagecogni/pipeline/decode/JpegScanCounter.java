package com.imagecogni.pipeline.decode;

/**
 * Counts the SOS (start of scan) segments of a JPEG after its frame header, skipping entropy-coded data the way
 * libjpeg's marker reader does, so every scan the decoder would run is counted.
 */
final class JpegScanCounter {

    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private JpegScanCounter() {
    }

    /**
     * @param from first byte after the frame header segment
     * @param stopAbove counting stops once this many scans are exceeded: the caller refuses the file either way
     * @param icc collects ICC profile chunks that follow the frame header; the reader takes them up to the first scan
     * @return scans found up to EOI or the end of the data; a truncated file is left to the decoder, which reports it
     */
    static int count(byte[] data, int from, int stopAbove, JpegIccChunks icc) {
        int scans = 0;
        int pos = from;
        while (scans <= stopAbove) {
            int marker = nextMarker(data, pos);
            if (marker < 0 || (data[marker] & 0xFF) == EOI) {
                break;
            }
            int code = data[marker] & 0xFF;
            pos = marker + 1;
            if (code == 0x01 || (code >= 0xD0 && code <= 0xD8)) {
                continue; // standalone markers carry no length
            }
            if (pos + 2 > data.length) {
                break;
            }
            int length = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            if (length > data.length - pos) {
                break;
            }
            if (code == 0xE2 && scans == 0 && length >= 2) {
                icc.add(new ByteReader(data, false), pos + 2, length - 2);
            }
            // libjpeg skips a bad length of 0 or 1 as if it were 2, so the walk does too rather than stopping early
            pos += Math.max(2, length);
            if (code == SOS) {
                scans++;
            }
        }
        return scans;
    }

    /**
     * Index of the next marker code at or after {@code pos}, or -1 at the end of the data. Between segments this skips
     * garbage (libjpeg only warns about it); inside entropy-coded data it skips everything but a real marker: 0xFF is
     * followed there by 0x00 (a stuffed data byte) or RST0-7 (restart markers that do not end the scan), and any run
     * of 0xFF is fill before the marker code.
     */
    private static int nextMarker(byte[] data, int pos) {
        for (int i = Math.max(0, pos); i + 1 < data.length; i++) {
            if (data[i] != (byte) 0xFF) {
                continue;
            }
            int next = data[i + 1] & 0xFF;
            if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                return i + 1;
            }
        }
        return -1;
    }
}
