package com.imagecogni.pipeline.filter;

import com.imagecogni.pipeline.image.Images;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.filter.Filter;

import java.awt.image.BufferedImage;

/** Makes the corners outside a quarter circle of the given radius transparent, with anti-aliased arcs. */
final class RoundedCornersFilter implements Filter {

    // Our own filter: neither Scrimage core nor JH Labs rounds corners. Only alpha changes (multiplied by how much
    // of the pixel lies inside the rounded rectangle); the colour stays, so nothing else is lost.

    private final double radius;

    RoundedCornersFilter(double radius) {
        this.radius = radius;
    }

    @Override
    public void apply(ImmutableImage image) {
        if (!Images.hasAlpha(image.awt())) {
            throw new IllegalArgumentException("rounded corners need an image with alpha (TYPE_INT_ARGB), got type "
                    + image.getType());
        }
        int w = image.width;
        int h = image.height;
        int[] px = IntPixels.of(image);
        // a radius above half the shorter side would make the arcs overlap: it becomes a pill (or a circle)
        double r = Math.min(radius, Math.min(w, h) / 2.0);
        int band = (int) Math.ceil(r);
        for (int y = 0; y < h; y++) {
            if (y >= band && y < h - band) {
                continue; // rows between the corners: nothing to do
            }
            double cy = y + 0.5;
            double dy = cy < r ? r - cy : cy > h - r ? cy - (h - r) : 0;
            for (int x = 0, i = y * w; x < w; x++, i++) {
                double cx = x + 0.5;
                double dx = cx < r ? r - cx : cx > w - r ? cx - (w - r) : 0;
                if (dx == 0 || dy == 0) {
                    continue; // beside the straight edges, not in a corner
                }
                // distance of the pixel centre from the arc's centre, outside the arc: 1 px of anti-aliasing
                double coverage = r + 0.5 - Math.sqrt(dx * dx + dy * dy);
                if (coverage < 1) {
                    int a = (int) Math.round((px[i] >>> 24) * Math.max(0, coverage));
                    px[i] = a << 24 | (px[i] & 0xFFFFFF);
                }
            }
        }
    }

    /** Scrimage's {@code ImmutableImage.filter} converts an RGB image to ARGB first (corners cannot be cleared in RGB). */
    @Override
    public int[] types() {
        return new int[]{BufferedImage.TYPE_INT_ARGB};
    }
}
