package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.image.Images;

import java.awt.image.BufferedImage;

/**
 * Places a crop window where the image has the most edge energy (sum of luminance gradients), sampled on a coarse
 * grid so it costs little on large images; ties go to the window nearest the centre.
 */
final class SmartCropLocator {

    private static final int GRID = 256;

    private SmartCropLocator() {
    }

    /** Returns {x, y} of the top-left corner of a {@code cw x ch} window inside {@code img}. */
    static int[] locate(BufferedImage img, int cw, int ch) {
        int w = img.getWidth();
        int h = img.getHeight();
        boolean horizontal = cw < w;
        if (!horizontal && ch >= h) {
            return new int[] {0, 0};
        }
        int extent = horizontal ? w : h;
        int cells = Math.min(GRID, extent);
        double[] energy = profile(Images.normalise(img), horizontal, cells);
        int window = (int) Math.max(1, Math.round((horizontal ? cw : ch) / (double) extent * cells));
        window = Math.min(window, cells);
        double[] prefix = new double[cells + 1];
        for (int i = 0; i < cells; i++) {
            prefix[i + 1] = prefix[i] + energy[i];
        }
        int best = 0;
        double bestScore = -1;
        double centre = (cells - window) / 2.0;
        for (int start = 0; start + window <= cells; start++) {
            double score = prefix[start + window] - prefix[start];
            boolean better = score > bestScore * 1.0001
                    || (score >= bestScore * 0.9999 && Math.abs(start - centre) < Math.abs(best - centre));
            if (better) {
                best = start;
                bestScore = Math.max(score, bestScore);
            }
        }
        int offset = (int) Math.round(best / (double) cells * extent);
        int limit = extent - (horizontal ? cw : ch);
        offset = Math.max(0, Math.min(limit, offset));
        return horizontal ? new int[] {offset, 0} : new int[] {0, offset};
    }

    /** Gradient energy per cell along the free axis, from a sparse sample of pixels. */
    private static double[] profile(BufferedImage img, boolean horizontal, int cells) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = Images.pixels(img);
        double[] energy = new double[cells];
        int stepX = Math.max(1, w / GRID);
        int stepY = Math.max(1, h / GRID);
        for (int y = 0; y + stepY < h; y += stepY) {
            for (int x = 0; x + stepX < w; x += stepX) {
                int l = luma(px[y * w + x]);
                int gx = Math.abs(luma(px[y * w + x + stepX]) - l);
                int gy = Math.abs(luma(px[(y + stepY) * w + x]) - l);
                int pos = horizontal ? x : y;
                int extent = horizontal ? w : h;
                energy[(int) ((long) pos * cells / extent)] += gx + gy;
            }
        }
        return energy;
    }

    private static int luma(int rgb) {
        return (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
    }
}
