package com.imagecogni.pipeline.codec.jxl;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Moves pixels between a BufferedImage (0xAARRGGBB ints) and libjxl's interleaved 8-bit RGB or RGBA rows (R first;
 * libjxl has no BGRA order, so the channels are rearranged one row at a time).
 */
final class JxlPixels {

    private JxlPixels() {
    }

    /** The image as tightly packed RGB (or RGBA, not premultiplied, when {@code alpha}) bytes in native memory. */
    static MemorySegment toNative(Arena arena, BufferedImage image, boolean alpha) {
        int width = image.getWidth();
        int height = image.getHeight();
        int channels = alpha ? 4 : 3;
        MemorySegment pixels = arena.allocate((long) width * height * channels);
        int[] argb = new int[width];
        byte[] row = new byte[width * channels];
        for (int y = 0; y < height; y++) {
            // getRGB converts any image type (and premultiplied alpha) to non-premultiplied sRGB ARGB
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0, i = 0; x < width; x++, i += channels) {
                int p = argb[x];
                row[i] = (byte) (p >> 16);
                row[i + 1] = (byte) (p >> 8);
                row[i + 2] = (byte) p;
                if (alpha) {
                    row[i + 3] = (byte) (p >>> 24);
                }
            }
            MemorySegment.copy(row, 0, pixels, JAVA_BYTE, (long) y * row.length, row.length);
        }
        return pixels;
    }

    /**
     * An image of the tightly packed RGB(A) rows at {@code pixels}: TYPE_INT_ARGB with alpha, else TYPE_INT_RGB.
     */
    static BufferedImage fromNative(MemorySegment pixels, int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int channels = alpha ? 4 : 3;
        byte[] row = new byte[width * channels];
        for (int y = 0; y < height; y++) {
            // one bulk copy per row: per-pixel reads from native memory would be many times slower
            MemorySegment.copy(pixels, JAVA_BYTE, (long) y * row.length, row, 0, row.length);
            int base = y * width;
            for (int x = 0, i = 0; x < width; x++, i += channels) {
                int a = alpha ? (row[i + 3] & 0xFF) << 24 : 0;
                data[base + x] = a | (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8 | (row[i + 2] & 0xFF);
            }
        }
        return image;
    }
}
