package com.imagecogni.pipeline.filter;

import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.filter.Filter;

import java.awt.Color;

/** Paints a frame {@code width} pixels wide in a colour over the image's outer pixels; the size stays the same. */
final class InsetBorderFilter implements Filter {

    // Our own filter: JH Labs' BorderFilter adds the border outside, making the image larger, and Scrimage core's
    // border (pad) does the same. A frame at least half the image wide covers all of it.

    private final int width;
    private final int argb;

    InsetBorderFilter(int width, Color color) {
        this.width = width;
        this.argb = color.getRGB();
    }

    @Override
    public void apply(ImmutableImage image) {
        int w = image.width;
        int h = image.height;
        int[] px = IntPixels.of(image);
        boolean alpha = image.awt().getColorModel().hasAlpha();
        int left = Math.min(width, w);
        int right = Math.max(w - width, left);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            if (y < width || y >= h - width) {
                paint(px, row, row + w, alpha);
            } else {
                paint(px, row, row + left, alpha);
                paint(px, row + right, row + w, alpha);
            }
        }
    }

    private void paint(int[] px, int from, int to, boolean alpha) {
        for (int i = from; i < to; i++) {
            int p = px[i];
            // an RGB image's unused top byte is left as it was
            px[i] = alpha ? over(argb, p) : (over(argb, p | 0xFF000000) & 0xFFFFFF) | (p & 0xFF000000);
        }
    }

    /**
     * The colour drawn over a pixel (source-over, straight alpha): an opaque colour simply replaces it, a translucent
     * one (#RRGGBBAA) tints it, as drawing with it would.
     */
    static int over(int src, int dst) {
        int sa = src >>> 24;
        if (sa == 0xFF) {
            return src;
        }
        if (sa == 0) {
            return dst;
        }
        double a = sa / 255.0;
        double da = (dst >>> 24) / 255.0 * (1 - a);
        double oa = a + da;
        int out = IntPixels.channel(oa * 255) << 24;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double c = (((src >> shift) & 0xFF) * a + ((dst >> shift) & 0xFF) * da) / oa;
            out |= IntPixels.channel(c) << shift;
        }
        return out;
    }

    @Override
    public int[] types() {
        return IntPixels.TYPES.clone();
    }
}
