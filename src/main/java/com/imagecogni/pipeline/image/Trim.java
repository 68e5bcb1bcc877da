package com.imagecogni.pipeline.image;

import com.sksamuel.scrimage.ImmutableImage;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Finds and removes a uniform border on the packed raster. Scrimage's {@code autocrop} (4.3.5) does the same scan but
 * keeps one column and one row too few ({@code subimage(x1, y1, x2 - x1, y2 - y1)} with inclusive x2/y2), throws on
 * an image that is all border, and recurses once per border column, so a wide uniform upload can overflow the worker's
 * stack: {@code ScrimageVsOwnBench} shows the difference; this is the one scan, done iteratively.
 */
public final class Trim {

    private Trim() {
    }

    /**
     * The image without the edge rows and columns whose every pixel is within {@code threshold} of the top-left
     * pixel on each channel (alpha included); the image itself when there is no border or nothing but border.
     */
    public static ImmutableImage apply(ImmutableImage image, int threshold) {
        BufferedImage src = Images.normalise(image.awt());
        Optional<Rectangle> box = content(src, threshold);
        if (box.isEmpty() || box.get().width == src.getWidth() && box.get().height == src.getHeight()) {
            return image;
        }
        Rectangle r = box.get();
        return ImmutableImage.wrapAwt(Images.region(src, r.x, r.y, r.width, r.height));
    }

    /** The box inside the border (see {@link #apply}), or empty when the image is nothing but border. */
    public static Optional<Rectangle> content(BufferedImage image, int threshold) {
        BufferedImage src = Images.normalise(image);
        int w = src.getWidth();
        int h = src.getHeight();
        int[] px = Images.pixels(src);
        // an opaque raster's unused top byte is not compared: nothing guarantees it is the same everywhere
        int mask = Images.hasAlpha(src) ? 0xFFFFFFFF : 0x00FFFFFF;
        int ref = px[0] & mask;
        int top = 0;
        while (top < h && rowMatches(px, w, top, ref, mask, threshold)) {
            top++;
        }
        if (top == h) {
            return Optional.empty();
        }
        int bottom = h - 1;
        while (rowMatches(px, w, bottom, ref, mask, threshold)) {
            bottom--;
        }
        int left = 0;
        while (columnMatches(px, w, left, top, bottom, ref, mask, threshold)) {
            left++;
        }
        int right = w - 1;
        while (columnMatches(px, w, right, top, bottom, ref, mask, threshold)) {
            right--;
        }
        return Optional.of(new Rectangle(left, top, right - left + 1, bottom - top + 1));
    }

    private static boolean rowMatches(int[] px, int w, int y, int ref, int mask, int threshold) {
        for (int i = y * w, end = i + w; i < end; i++) {
            if (!near(px[i] & mask, ref, threshold)) {
                return false;
            }
        }
        return true;
    }

    private static boolean columnMatches(int[] px, int w, int x, int top, int bottom, int ref, int mask,
            int threshold) {
        for (int y = top; y <= bottom; y++) {
            if (!near(px[y * w + x] & mask, ref, threshold)) {
                return false;
            }
        }
        return true;
    }

    private static boolean near(int p, int q, int threshold) {
        return Math.abs((p >>> 24) - (q >>> 24)) <= threshold
                && Math.abs(((p >> 16) & 0xFF) - ((q >> 16) & 0xFF)) <= threshold
                && Math.abs(((p >> 8) & 0xFF) - ((q >> 8) & 0xFF)) <= threshold
                && Math.abs((p & 0xFF) - (q & 0xFF)) <= threshold;
    }
}
