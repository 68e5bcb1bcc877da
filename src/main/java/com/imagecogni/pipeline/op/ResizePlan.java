package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.SizeSpec;
import com.imagecogni.pipeline.model.Template;
import com.imagecogni.pipeline.model.Templates;

/**
 * The geometry of one resize: scale the source to {@code scaledWidth x scaledHeight}, then centre-crop (cover) or
 * centre-pad (pad) to {@code outWidth x outHeight}. Pure arithmetic, so every fit rule is testable without pixels.
 */
public record ResizePlan(int scaledWidth, int scaledHeight, int outWidth, int outHeight, Finish finish) {

    /** What happens after scaling. */
    public enum Finish { NONE, CROP, PAD }

    public static ResizePlan of(int srcW, int srcH, SizeSpec size, Fit stepFit, boolean upscale) {
        if (size.template() != null) {
            Template t = Templates.find(size.template()).orElseThrow();
            // A template without its own fit is a platform contract: exactly its size, enlarging if need be.
            return size.fit() == null
                    ? box(srcW, srcH, t.width(), t.height(), Fit.COVER, true)
                    : box(srcW, srcH, t.width(), t.height(), size.fit(), upscale);
        }
        if (size.percent() != null) {
            return scaled(srcW, srcH, cap(size.percent() / 100.0, upscale));
        }
        if (size.width() != null && size.height() != null) {
            return box(srcW, srcH, size.width(), size.height(), size.fit() != null ? size.fit() : stepFit, upscale);
        }
        // One edge only: every fit degenerates to "keep aspect, match that edge".
        double s = size.width() != null ? size.width() / (double) srcW : size.height() / (double) srcH;
        return scaled(srcW, srcH, cap(s, upscale));
    }

    private static ResizePlan box(int srcW, int srcH, int w, int h, Fit fit, boolean upscale) {
        double sx = w / (double) srcW;
        double sy = h / (double) srcH;
        switch (fit) {
            case CONTAIN:
                return scaled(srcW, srcH, cap(Math.min(sx, sy), upscale));
            case PAD: {
                ResizePlan inner = scaled(srcW, srcH, cap(Math.min(sx, sy), upscale));
                return new ResizePlan(Math.min(inner.scaledWidth, w), Math.min(inner.scaledHeight, h), w, h, Finish.PAD);
            }
            case FILL: {
                if (upscale) {
                    return new ResizePlan(w, h, w, h, Finish.NONE);
                }
                // Shrink the box uniformly until it fits in the source: box aspect kept, no axis enlarged.
                double f = Math.min(1.0, Math.min(srcW / (double) w, srcH / (double) h));
                int fw = dim(w * f);
                int fh = dim(h * f);
                return new ResizePlan(fw, fh, fw, fh, Finish.NONE);
            }
            case COVER:
            default: {
                double s = Math.max(sx, sy);
                if (s > 1 && !upscale) {
                    // Largest centred window of the box's aspect ratio, at source resolution.
                    int cw = Math.min(srcW, dim(w / s));
                    int ch = Math.min(srcH, dim(h / s));
                    return new ResizePlan(srcW, srcH, cw, ch, Finish.CROP);
                }
                int sw = Math.max(w, dim(srcW * s));
                int sh = Math.max(h, dim(srcH * s));
                return new ResizePlan(sw, sh, w, h, sw == w && sh == h ? Finish.NONE : Finish.CROP);
            }
        }
    }

    private static ResizePlan scaled(int srcW, int srcH, double s) {
        int w = dim(srcW * s);
        int h = dim(srcH * s);
        return new ResizePlan(w, h, w, h, Finish.NONE);
    }

    private static double cap(double s, boolean upscale) {
        return upscale ? s : Math.min(s, 1.0);
    }

    private static int dim(double v) {
        return (int) Math.max(1, Math.round(v));
    }

    public long largestPixelCount() {
        return Math.max((long) scaledWidth * scaledHeight, (long) outWidth * outHeight);
    }
}
