package com.imagecogni.pipeline.metadata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Edits an EXIF TIFF structure for an output: the orientation becomes 1 (the pixels are already upright), and the GPS
 * block is unlinked from IFD0 and its entries and values zeroed, so no coordinates survive in the bytes. Anything it
 * cannot walk safely (offsets outside the block, loops, unknown types) drops the whole EXIF: never leak by accident.
 */
public final class ExifEditor {

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TAG_GPS_IFD = 0x8825;
    private static final int TYPE_SHORT = 3;
    private static final int MAX_ENTRIES = 1000;
    /** Bytes per component of the TIFF field types 1..12 (index 0 unused). */
    private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

    private ExifEditor() {
    }

    /** The edited copy of {@code exif} (TIFF bytes, no {@code Exif\0\0} prefix), or empty when it is malformed. */
    public static Optional<byte[]> forOutput(byte[] exif, boolean keepGps) {
        if (exif == null || exif.length < 8) {
            return Optional.empty();
        }
        byte[] copy = exif.clone();
        ByteBuffer b = ByteBuffer.wrap(copy);
        if (copy[0] == 'I' && copy[1] == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (copy[0] != 'M' || copy[1] != 'M') {
            return Optional.empty();
        }
        try {
            if (u16(b, 2) != 42) {
                return Optional.empty();
            }
            int ifd0 = offset(b, 4);
            int count = entryCount(b, ifd0);
            for (int i = 0; i < count; i++) {
                int entry = ifd0 + 2 + 12 * i;
                int tag = u16(b, entry);
                if (tag == TAG_ORIENTATION && u16(b, entry + 2) == TYPE_SHORT) {
                    b.putShort(entry + 8, (short) 1);
                } else if (tag == TAG_GPS_IFD && !keepGps) {
                    erase(b, offset(b, entry + 8));
                    unlink(b, ifd0, count, i);
                    count--;
                    i--;
                }
            }
            return Optional.of(copy);
        } catch (IndexOutOfBoundsException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** Zeroes the GPS IFD: every value stored outside its entry, then the entries themselves. */
    private static void erase(ByteBuffer b, int ifd) {
        int count = entryCount(b, ifd);
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + 12 * i;
            int type = u16(b, entry + 2);
            if (type < 1 || type >= TYPE_SIZE.length) {
                throw new IllegalArgumentException("unknown TIFF type " + type);
            }
            long bytes = (long) TYPE_SIZE[type] * (b.getInt(entry + 4) & 0xFFFFFFFFL);
            if (bytes > 4) {
                int at = offset(b, entry + 8);
                if (at + bytes > b.capacity()) {
                    throw new IllegalArgumentException("GPS value outside the EXIF block");
                }
                zero(b, at, (int) bytes);
            }
        }
        zero(b, ifd, 2 + 12 * count + 4);
    }

    /** Removes entry {@code index} of the IFD at {@code ifd}, moving the later entries and the next-IFD link up. */
    private static void unlink(ByteBuffer b, int ifd, int count, int index) {
        int from = ifd + 2 + 12 * (index + 1);
        int end = ifd + 2 + 12 * count + 4; // through the next-IFD offset
        byte[] rest = new byte[end - from];
        b.get(from, rest);
        b.put(from - 12, rest);
        zero(b, end - 12, 12);
        b.putShort(ifd, (short) (count - 1));
    }

    private static int entryCount(ByteBuffer b, int ifd) {
        int count = u16(b, ifd);
        if (count > MAX_ENTRIES || ifd + 2 + 12L * count + 4 > b.capacity()) {
            throw new IllegalArgumentException("IFD outside the EXIF block");
        }
        return count;
    }

    private static int offset(ByteBuffer b, int at) {
        long value = b.getInt(at) & 0xFFFFFFFFL;
        if (value < 8 || value >= b.capacity()) {
            throw new IllegalArgumentException("offset outside the EXIF block");
        }
        return (int) value;
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }

    private static void zero(ByteBuffer b, int at, int length) {
        for (int i = 0; i < length; i++) {
            b.put(at + i, (byte) 0);
        }
    }
}
