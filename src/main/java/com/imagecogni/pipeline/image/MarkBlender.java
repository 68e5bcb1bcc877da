package com.imagecogni.pipeline.image;

import com.imagecogni.pipeline.model.BlendMode;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.composite.Composite;
import com.sksamuel.scrimage.composite.MultiplyComposite;
import com.sksamuel.scrimage.composite.OverlayComposite;
import com.sksamuel.scrimage.composite.ScreenComposite;

import java.awt.image.BufferedImage;

/**
 * Blends a mark into an image: Scrimage's composite (multiply, screen, overlay) gives each pixel's blended colour, and
 * the mark's own alpha times the opacity says how much of it replaces the pixel under it. Scrimage's blenders ignore
 * the overlay's alpha (a transparent pixel multiplies to black), so a text or a PNG with transparency cannot go
 * through them as a layer; the weighting is done here, on the mark's box only.
 */
public final class MarkBlender {

    private MarkBlender() {
    }

    /**
     * A copy of {@code base} with {@code mark} (TYPE_INT_ARGB) blended in at {@code x, y}; parts of the mark outside the
     * image are dropped.
     */
    public static ImmutableImage blend(ImmutableImage base, BufferedImage mark, int x, int y, double opacity,
            BlendMode mode) {
        BufferedImage src = Images.normalise(base.awt());
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(src.getWidth(), x + mark.getWidth());
        int y1 = Math.min(src.getHeight(), y + mark.getHeight());
        BufferedImage out = Images.region(src, 0, 0, src.getWidth(), src.getHeight());
        if (x1 <= x0 || y1 <= y0) {
            return ImmutableImage.wrapAwt(out);
        }
        int w = x1 - x0;
        int h = y1 - y0;
        BufferedImage markPart = Images.region(mark, x0 - x, y0 - y, w, h);
        int[] markPx = Images.pixels(markPart);
        int[] blended = mode == BlendMode.NORMAL ? markPx : Images.pixels(
                ImmutableImage.wrapAwt(Images.region(src, x0, y0, w, h))
                        .composite(composite(mode), ImmutableImage.wrapAwt(markPart)).awt());
        int[] dst = Images.pixels(out);
        boolean alpha = Images.hasAlpha(out);
        int stride = out.getWidth();
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                int i = (y0 + row) * stride + x0 + col;
                dst[i] = mix(dst[i], blended[row * w + col], (markPx[row * w + col] >>> 24) / 255.0 * opacity, alpha);
            }
        }
        return ImmutableImage.wrapAwt(out);
    }

    private static Composite composite(BlendMode mode) {
        return switch (mode) {
            case MULTIPLY -> new MultiplyComposite(1.0);
            case SCREEN -> new ScreenComposite(1.0);
            case OVERLAY -> new OverlayComposite(1.0);
            case NORMAL -> throw new IllegalArgumentException("normal is a plain source-over, not a composite");
        };
    }

    /** {@code under} moved towards {@code colour} by {@code weight}; an alpha image gains the mark's coverage. */
    private static int mix(int under, int colour, double weight, boolean alpha) {
        if (weight <= 0) {
            return under;
        }
        int r = lerp((under >> 16) & 0xFF, (colour >> 16) & 0xFF, weight);
        int g = lerp((under >> 8) & 0xFF, (colour >> 8) & 0xFF, weight);
        int b = lerp(under & 0xFF, colour & 0xFF, weight);
        // TYPE_INT_RGB keeps its unused top byte zero, as the JDK's own writes do
        int a = alpha ? (int) Math.round(255 * weight + (under >>> 24) * (1 - weight)) : 0;
        return a << 24 | r << 16 | g << 8 | b;
    }

    private static int lerp(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }
}
