package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;

/** Bounds-checked reads of header fields; running off the end means the file is truncated, hence corrupt. */
final class ByteReader {

    private final byte[] data;
    private final int base;
    private final int limit;
    private final boolean littleEndian;

    ByteReader(byte[] data, boolean littleEndian) {
        this(data, 0, data.length, littleEndian);
    }

    ByteReader(byte[] data, int base, int length, boolean littleEndian) {
        this.data = data;
        this.base = base;
        this.limit = Math.min(data.length, base + Math.max(0, length));
        this.littleEndian = littleEndian;
    }

    ByteReader withOrder(boolean little) {
        return new ByteReader(data, base, limit - base, little);
    }

    int length() {
        return limit - base;
    }

    boolean has(long offset, long count) {
        return offset >= 0 && count >= 0 && base + offset + count <= limit;
    }

    int u8(long offset) {
        require(offset, 1);
        return data[(int) (base + offset)] & 0xFF;
    }

    int u16(long offset) {
        int a = u8(offset);
        int b = u8(offset + 1);
        return littleEndian ? a | (b << 8) : (a << 8) | b;
    }

    int u24le(long offset) {
        return u8(offset) | (u8(offset + 1) << 8) | (u8(offset + 2) << 16);
    }

    long u32(long offset) {
        long a = u16(offset);
        long b = u16(offset + 2);
        return littleEndian ? a | (b << 16) : (a << 16) | b;
    }

    int i32(long offset) {
        return (int) u32(offset);
    }

    boolean matches(long offset, String ascii) {
        if (!has(offset, ascii.length())) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (u8(offset + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A reader of {@code length} bytes at {@code offset}, in the same byte order; refused past the end. */
    ByteReader region(long offset, long length) {
        require(offset, (int) Math.min(Integer.MAX_VALUE, length));
        return new ByteReader(data, (int) (base + offset), (int) length, littleEndian);
    }

    /** {@code count} bytes as Latin-1 characters (a four-character code such as a box type or brand). */
    String ascii(long offset, int count) {
        require(offset, count);
        return new String(data, (int) (base + offset), count, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void require(long offset, int count) {
        if (!has(offset, count)) {
            throw new InputRejectedException(FailureReason.CORRUPT_IMAGE,
                    "the image header is truncated or points outside the file");
        }
    }
}
