package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * EXIF (APP1 {@code Exif\0\0}), XMP (APP1 {@code http://ns.adobe.com/xap/1.0/\0}) and ICC (APP2 {@code ICC_PROFILE\0}
 * chunks) marker segments: spliced into a JPEG written without them, and read out of a source JPEG.
 */
public final class JpegSegments {

    /** A segment's 16-bit length counts itself, so its payload holds at most 65535 - 2 bytes. */
    public static final int MAX_PAYLOAD = 65533;
    static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};
    static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    /** ICC signature plus one byte each for the chunk's sequence number (from 1) and the chunk count. */
    static final int ICC_HEADER = ICC_ID.length + 2;
    static final int ICC_CHUNK = MAX_PAYLOAD - ICC_HEADER;
    static final int MAX_ICC_CHUNKS = 255;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private JpegSegments() {
    }

    /**
     * {@code jpeg} with the metadata's segments inserted after SOI, or after a JFIF APP0 right behind it (JFIF
     * requires APP0 first): EXIF, then XMP, then the ICC chunks. What does not fit is dropped, not the whole image:
     * <ul>
     * <li>EXIF over {@link #MAX_PAYLOAD} bytes with its prefix: EXIF has no multi-segment form (its offsets point
     * inside one TIFF structure), and a cut TIFF would be misread;</li>
     * <li>XMP over one segment: the ExtendedXMP split would need the packet rewritten with a GUID digest;</li>
     * <li>an ICC profile needing more than 255 chunks (about 16 MB): the chunk count is one byte.</li>
     * </ul>
     *
     * @throws IllegalArgumentException when {@code jpeg} does not start with SOI
     */
    public static byte[] splice(byte[] jpeg, SourceMetadata metadata) {
        if (jpeg.length < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG: no SOI marker");
        }
        if (metadata.isEmpty()) {
            return jpeg;
        }
        int at = afterJfif(jpeg);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 1024);
        out.write(jpeg, 0, at);
        if (metadata.exif() != null && EXIF_ID.length + metadata.exif().length <= MAX_PAYLOAD) {
            writeSegment(out, APP1, EXIF_ID, metadata.exif(), 0, metadata.exif().length);
        }
        if (metadata.xmp() != null && XMP_ID.length + metadata.xmp().length <= MAX_PAYLOAD) {
            writeSegment(out, APP1, XMP_ID, metadata.xmp(), 0, metadata.xmp().length);
        }
        byte[] icc = metadata.icc();
        if (icc != null && icc.length > 0) {
            int chunks = (icc.length + ICC_CHUNK - 1) / ICC_CHUNK;
            if (chunks <= MAX_ICC_CHUNKS) {
                for (int i = 0; i < chunks; i++) {
                    byte[] header = Arrays.copyOf(ICC_ID, ICC_HEADER);
                    header[ICC_ID.length] = (byte) (i + 1);
                    header[ICC_ID.length + 1] = (byte) chunks;
                    int from = i * ICC_CHUNK;
                    writeSegment(out, APP2, header, icc, from, Math.min(ICC_CHUNK, icc.length - from));
                }
            }
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /**
     * The EXIF (TIFF bytes, prefix stripped), XMP packet and ICC profile of {@code jpeg}: the first EXIF and XMP
     * segments, and the ICC chunks reassembled by sequence number. Chunks that disagree on the count, repeat or miss a
     * number give no ICC. Only the markers before the first scan are walked, each length checked against the data,
     * so the work is bounded by the header's size; a damaged header ends the walk with what was found so far.
     */
    public static SourceMetadata read(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return SourceMetadata.NONE;
        }
        byte[] exif = null;
        byte[] xmp = null;
        IccChunks icc = new IccChunks();
        int pos = 2;
        while (pos + 1 < jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                pos++;
                continue;
            }
            if (marker == SOS || marker == EOI) {
                break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) { // TEM, RSTn, SOI: no length field
                pos += 2;
                continue;
            }
            if (pos + 4 > jpeg.length) {
                break;
            }
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            int start = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > jpeg.length) {
                break;
            }
            if (marker == APP1 && exif == null && startsWith(jpeg, start, end, EXIF_ID)) {
                exif = Arrays.copyOfRange(jpeg, start + EXIF_ID.length, end);
            } else if (marker == APP1 && xmp == null && startsWith(jpeg, start, end, XMP_ID)) {
                xmp = Arrays.copyOfRange(jpeg, start + XMP_ID.length, end);
            } else if (marker == APP2 && end - start >= ICC_HEADER && startsWith(jpeg, start, end, ICC_ID)) {
                icc.add(jpeg[start + ICC_ID.length] & 0xFF, jpeg[start + ICC_ID.length + 1] & 0xFF,
                        Arrays.copyOfRange(jpeg, start + ICC_HEADER, end));
            }
            pos = end;
        }
        return new SourceMetadata(exif, xmp, icc.profile());
    }

    /** Where new segments go: after SOI, or after the JFIF APP0 that directly follows it. */
    private static int afterJfif(byte[] jpeg) {
        if (jpeg.length >= 6 && (jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == APP0) {
            int end = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
            if (end <= jpeg.length && startsWith(jpeg, 6, end, new byte[] {'J', 'F', 'I', 'F', 0})) {
                return end;
            }
        }
        return 2;
    }

    private static void writeSegment(ByteArrayOutputStream out, int marker, byte[] id, byte[] data, int from,
            int count) {
        int length = 2 + id.length + count;
        out.write(0xFF);
        out.write(marker);
        out.write(length >>> 8);
        out.write(length & 0xFF);
        out.write(id, 0, id.length);
        out.write(data, from, count);
    }

    private static boolean startsWith(byte[] data, int start, int end, byte[] prefix) {
        return end - start >= prefix.length && Arrays.equals(data, start, start + prefix.length, prefix, 0, prefix.length);
    }

    /** APP2 ICC chunks as they are met, and the profile they make when they are consistent. */
    private static final class IccChunks {

        private final byte[][] bySequence = new byte[MAX_ICC_CHUNKS + 1][];
        private int count = -1;
        private boolean inconsistent;

        void add(int sequence, int total, byte[] data) {
            if (count == -1) {
                count = total;
            }
            if (total != count || total == 0 || sequence < 1 || sequence > total || bySequence[sequence] != null) {
                inconsistent = true;
                return;
            }
            bySequence[sequence] = data;
        }

        /** The chunks joined in sequence order, or null when there are none or they do not add up. */
        byte[] profile() {
            if (count <= 0 || inconsistent) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 1; i <= count; i++) {
                if (bySequence[i] == null) {
                    return null;
                }
                out.write(bySequence[i], 0, bySequence[i].length);
            }
            return out.toByteArray();
        }
    }
}
