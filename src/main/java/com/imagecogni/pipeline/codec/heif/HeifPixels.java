package com.imagecogni.pipeline.codec.heif;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** Copies an interleaved RGB(A) plane from libheif into a BufferedImage, row by row, respecting the stride. */
final class HeifPixels {

    private HeifPixels() {
    }

    /**
     * @param plane the interleaved plane, at least {@code stride * (height - 1) + width * channels * bytesPerSample}
     * @param bits bits per sample: 8 (one byte), or 9..16 (two bytes, little-endian, scaled down to 8 bits)
     * @param premultiplied the alpha is premultiplied and is divided out, as TYPE_INT_ARGB is not premultiplied
     */
    static BufferedImage toImage(MemorySegment plane, long stride, int width, int height, boolean alpha, int bits,
            boolean premultiplied) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int channels = alpha ? 4 : 3;
        int bytesPerSample = bits > 8 ? 2 : 1;
        byte[] row = new byte[width * channels * bytesPerSample];
        for (int y = 0; y < height; y++) {
            // one bulk copy per row: per-pixel reads from native memory would be many times slower
            MemorySegment.copy(plane, JAVA_BYTE, y * stride, row, 0, row.length);
            int base = y * width;
            if (bytesPerSample == 1) {
                packEightBit(row, pixels, base, width, alpha);
            } else {
                packWide(row, pixels, base, width, alpha, bits - 8);
            }
        }
        if (alpha && premultiplied) {
            unpremultiply(pixels);
        }
        return image;
    }

    private static void packEightBit(byte[] row, int[] pixels, int base, int width, boolean alpha) {
        if (alpha) {
            for (int x = 0, i = 0; x < width; x++, i += 4) {
                pixels[base + x] = (row[i + 3] & 0xFF) << 24 | (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8
                        | (row[i + 2] & 0xFF);
            }
        } else {
            for (int x = 0, i = 0; x < width; x++, i += 3) {
                pixels[base + x] = (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8 | (row[i + 2] & 0xFF);
            }
        }
    }

    /** RRGGBB(AA)_LE samples of {@code 8 + shift} bits, rounded to 8 bits. */
    private static void packWide(byte[] row, int[] pixels, int base, int width, boolean alpha, int shift) {
        int channels = alpha ? 4 : 3;
        for (int x = 0; x < width; x++) {
            int i = x * channels * 2;
            int r = narrow(row, i, shift);
            int g = narrow(row, i + 2, shift);
            int b = narrow(row, i + 4, shift);
            int a = alpha ? narrow(row, i + 6, shift) : 0xFF;
            pixels[base + x] = a << 24 | r << 16 | g << 8 | b;
        }
    }

    private static int narrow(byte[] row, int i, int shift) {
        int value = (row[i] & 0xFF) | (row[i + 1] & 0xFF) << 8;
        int max = (1 << (8 + shift)) - 1;
        return (Math.min(value, max) * 255 + max / 2) / max;
    }

    private static void unpremultiply(int[] pixels) {
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int a = p >>> 24;
            if (a != 0 && a != 0xFF) {
                int r = Math.min(255, (((p >> 16) & 0xFF) * 255 + a / 2) / a);
                int g = Math.min(255, (((p >> 8) & 0xFF) * 255 + a / 2) / a);
                int b = Math.min(255, ((p & 0xFF) * 255 + a / 2) / a);
                pixels[i] = a << 24 | r << 16 | g << 8 | b;
            }
        }
    }
}
