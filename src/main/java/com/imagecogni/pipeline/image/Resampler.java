package com.imagecogni.pipeline.image;

import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.ScaleMethod;

import java.awt.image.BufferedImage;

/**
 * Antialiased resizing: exact 2x2 box halvings while the image is still at least 4x the target (cheap and alias-free),
 * then one Lanczos3 step (Scrimage, backed by a separable windowed-sinc resampler whose kernel widens with the
 * reduction factor, so it low-pass filters rather than point-samples). Edges too short for that kernel use an exact
 * area average instead.
 */
public final class Resampler {

    /** Scrimage's Lanczos3 (mortennobel ResampleOp) throws unless source and target are both at least 7 px per axis. */
    static final int LANCZOS_MIN_EDGE = 7;

    private Resampler() {
    }

    public static BufferedImage resize(BufferedImage img, int width, int height) {
        BufferedImage current = Images.normalise(img);
        if (current.getWidth() == width && current.getHeight() == height) {
            return current;
        }
        while (current.getWidth() >= 4 * width && current.getHeight() >= 4 * height) {
            current = halve(current);
        }
        if (current.getWidth() == width && current.getHeight() == height) {
            return current;
        }
        if (Math.min(Math.min(current.getWidth(), width), Math.min(current.getHeight(), height)) < LANCZOS_MIN_EDGE) {
            return AreaAverage.resize(current, width, height); // thumbnails of a few pixels, slivers, tiny sources
        }
        BufferedImage scaled = ImmutableImage.wrapAwt(current).scaleTo(width, height, ScaleMethod.Lanczos3).awt();
        return Images.hasAlpha(current) ? Images.convert(scaled, BufferedImage.TYPE_INT_ARGB) : Images.normalise(scaled);
    }

    /** Averages each 2x2 block per channel (alpha included); an odd last row or column is dropped. */
    static BufferedImage halve(BufferedImage img) {
        int w = img.getWidth() / 2;
        int h = img.getHeight() / 2;
        int stride = img.getWidth();
        boolean alpha = Images.hasAlpha(img);
        BufferedImage out = Images.blank(w, h, alpha);
        int[] in = Images.pixels(img);
        int[] dst = Images.pixels(out);
        for (int y = 0; y < h; y++) {
            int row0 = 2 * y * stride;
            int row1 = row0 + stride;
            for (int x = 0; x < w; x++) {
                int a = in[row0 + 2 * x];
                int b = in[row0 + 2 * x + 1];
                int c = in[row1 + 2 * x];
                int d = in[row1 + 2 * x + 1];
                int aa = alpha ? avg(a, b, c, d, 24) : 255;
                dst[y * w + x] = (aa << 24) | (avg(a, b, c, d, 16) << 16) | (avg(a, b, c, d, 8) << 8) | avg(a, b, c, d, 0);
            }
        }
        return out;
    }

    private static int avg(int a, int b, int c, int d, int shift) {
        return (((a >>> shift) & 0xFF) + ((b >>> shift) & 0xFF) + ((c >>> shift) & 0xFF) + ((d >>> shift) & 0xFF) + 2) >> 2;
    }
}
