package com.imagecogni.pipeline.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The attack files of issue #12, built byte by byte: tiny files whose header and image data disagree. */
public final class AttackFiles {

    private AttackFiles() {
    }

    /**
     * 48 bytes: RIFF/WEBP, then two VP8 chunks with nothing but a key frame header; the first declares
     * {@code first}x{@code first}, the second 1x1. libwebp decodes the first.
     */
    public static byte[] webpTwoFrames(int first) {
        ByteBuffer b = le(48);
        b.put(ascii("RIFF")).putInt(40).put(ascii("WEBP"));
        vp8Chunk(b, first, first);
        vp8Chunk(b, 1, 1);
        return b.array();
    }

    /** A VP8 chunk of 10 bytes: a visible key frame tag (first partition of 0 bytes), the start code, the size. */
    static void vp8Chunk(ByteBuffer b, int width, int height) {
        b.put(ascii("VP8 ")).putInt(10);
        b.put((byte) 0x10).put((byte) 0).put((byte) 0); // key frame, profile 0, shown, partition size 0
        b.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A);
        b.putShort((short) width).putShort((short) height);
    }

    /**
     * 58 bytes: a Windows 3.x BMP of 1x1 with compression 4 (embedded JPEG) or 5 (embedded PNG) whose {@code imageSize}
     * claims 1.5 GiB; the JDK reader buffers that many bytes before it looks at them.
     */
    public static byte[] bmpEmbedded(int compression) {
        ByteBuffer b = le(58);
        b.put(ascii("BM")).putInt(58).putInt(0).putInt(54);
        b.putInt(40).putInt(1).putInt(1).putShort((short) 1).putShort((short) 0).putInt(compression)
                .putInt(0x6000_0000).putInt(0).putInt(0).putInt(0).putInt(0);
        b.put(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        return b.array();
    }

    /** 145 bytes: a 1x1 8-bit grey TIFF in one tile of 40000x40000; the decoder allocates a whole tile's buffer. */
    public static byte[] tiffHugeTiles() {
        return tiff(new int[][] {
            {256, 3, 1}, {257, 3, 1}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {277, 3, 1},
            {322, 4, 40_000}, {323, 4, 40_000}, {324, 4, 134}, {325, 4, 11}}, 11);
    }

    /**
     * A little-endian TIFF with IFD0 at byte 8 holding {@code entries} ({tag, type, value}, one value each, inline),
     * followed by {@code data} zero bytes of image data right after the IFD.
     */
    static byte[] tiff(int[][] entries, int data) {
        ByteBuffer b = le(8 + 2 + 12 * entries.length + 4 + data);
        b.put(ascii("II")).putShort((short) 42).putInt(8).putShort((short) entries.length);
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
            if (e[1] == 3) {
                b.putShort((short) e[2]).putShort((short) 0);
            } else {
                b.putInt(e[2]);
            }
        }
        b.putInt(0);
        return b.array();
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
