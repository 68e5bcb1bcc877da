package com.imagecogni.pipeline.codec.webp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The RIFF chunks of a WebP file, each bounded by the RIFF size and by the bytes actually there. */
final class WebpChunks {

    /** One chunk: its four-character code, where its payload starts and how many payload bytes it declares. */
    record Chunk(String fourcc, int payload, int size) {

        /** Header, payload and the pad byte that keeps the next chunk at an even offset. */
        long stored() {
            return 8L + size + (size & 1);
        }
    }

    private WebpChunks() {
    }

    /** True for "RIFF" size "WEBP" in the first 12 bytes. */
    static boolean isWebp(byte[] data) {
        return data.length >= 12 && fourcc(data, 0).equals("RIFF") && fourcc(data, 8).equals("WEBP");
    }

    /**
     * Every complete chunk inside the RIFF size. {@code strict}: a chunk running past the end is an
     * IllegalArgumentException; otherwise the walk stops before it (a truncated tail is not read).
     */
    static List<Chunk> parse(byte[] data, boolean strict) {
        if (!isWebp(data)) {
            throw new IllegalArgumentException("not a RIFF/WEBP file");
        }
        long declaredEnd = 8 + u32(data, 4);
        if (strict && declaredEnd > data.length) {
            throw new IllegalArgumentException("the RIFF size says " + declaredEnd + " bytes, the file has "
                    + data.length);
        }
        long end = Math.min(declaredEnd, data.length);
        List<Chunk> chunks = new ArrayList<>();
        long pos = 12;
        while (pos + 8 <= end) {
            long size = u32(data, (int) pos + 4);
            if (size > end - pos - 8) {
                if (strict) {
                    throw new IllegalArgumentException("the chunk at byte " + pos + " runs past the end of the file");
                }
                break;
            }
            Chunk chunk = new Chunk(fourcc(data, (int) pos), (int) pos + 8, (int) size);
            chunks.add(chunk);
            pos += chunk.stored();
        }
        return chunks;
    }

    static String fourcc(byte[] data, int at) {
        return new String(data, at, 4, StandardCharsets.ISO_8859_1);
    }

    static long u32(byte[] data, int at) {
        return (data[at] & 0xFFL) | (data[at + 1] & 0xFFL) << 8 | (data[at + 2] & 0xFFL) << 16
                | (data[at + 3] & 0xFFL) << 24;
    }

    static int u24(byte[] data, int at) {
        return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16;
    }
}
