package com.imagecogni.pipeline.filter;

import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.Parallel;
import com.imagecogni.pipeline.model.Colors;
import com.imagecogni.pipeline.model.FilterSpec;
import com.jhlabs.image.BlockFilter;
import com.jhlabs.image.GammaFilter;
import com.jhlabs.image.SaturationFilter;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.filter.BufferedOpFilter;
import com.sksamuel.scrimage.filter.Filter;

import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.RescaleOp;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The filter catalogue ({@link FilterSpec.Kind}) as Scrimage {@link Filter}s, each amount mapped to exactly what
 * {@link FilterSpec.Kind#meaning()} says. Library filters first (the JDK's RescaleOp, the op behind Scrimage's own
 * {@code brightness}, and JH Labs' ops, both through Scrimage's {@link BufferedOpFilter}); our own filter classes only
 * where neither library has the filter or where ours was measured faster (the blurs). Every filter keeps each pixel's
 * alpha except three: blur blurs alpha with the colours (as the filter always did, and as JH Labs' blur does: a soft
 * edge, where keeping the hard alpha edge would leave the silhouette sharp), rounded corners clears the corners, and
 * border draws over its pixels.
 */
public final class ImageFilters {

    private ImageFilters() {
    }

    /**
     * The filter for {@code spec}. Like every Scrimage filter it changes the image it is applied to, in place; use
     * {@link #apply} to get a new image instead. Our own filters need TYPE_INT_RGB or TYPE_INT_ARGB (they say so in
     * {@link Filter#types()}), and rounded corners TYPE_INT_ARGB. Our own per-pixel loops run in bands on
     * {@code parallel} (the runtime's helpers).
     */
    public static Filter of(FilterSpec spec, Parallel parallel) {
        double a = spec.amount();
        return switch (spec.kind()) {
            case GRAYSCALE -> ColorMatrixFilter.grayscale(a, parallel);
            case SEPIA -> ColorMatrixFilter.sepia(a, parallel);
            case BLUR -> new BoxBlurFilter(a);
            // "radius (1 px)" and the unsharp "radius" are both the blur's Gaussian sigma; full strength is 1
            case SHARPEN -> new UnsharpMaskFilter(1, a, parallel);
            case UNSHARP -> new UnsharpMaskFilter(a, 1, parallel);
            // v * (1 + a): 0 leaves v, -1 gives black, 1 doubles. Scrimage's brightness(factor) is this RescaleOp
            // with factor = 1 + a, but RescaleOp truncates: the 0.5 offset makes it round.
            case BRIGHTNESS -> rescale(1 + a, 0);
            // (v - 128) * (1 + a) + 128, the formula of Scrimage's contrast(factor) with factor = 1 + a, as one
            // RescaleOp: Scrimage's contrastInPlace builds a Point and a Pixel object per pixel (on 2000x1500, 188 ms
            // and 148 MB allocated against 49 ms and none, see FilterTiming), and it truncates.
            case CONTRAST -> rescale(1 + a, -128 * a);
            // JH Labs scales each channel's distance from the pixel's grey, 0 = grey, 1 = unchanged, 2 = twice:
            // amount 1 + a. Its grey is the channel mean (r + g + b) / 3, not luma, and it truncates.
            case SATURATION -> op(new SaturationFilter((float) (1 + a)));
            // JH Labs maps v to 255 * (v / 255)^(1 / gamma), rounded: above 1 brightens mid-tones, our direction
            // already, and 1 is the identity; no inversion of the amount needed.
            case GAMMA -> op(new GammaFilter((float) a));
            // v + a * (255 - 2v) = v * (1 - 2a) + 255a: a partial inversion is still one linear map per channel,
            // which JH Labs' InvertFilter (all or nothing) cannot do
            case INVERT -> rescale(1 - 2 * a, 255 * a);
            // JH Labs averages each block's colour from the top-left, keeps every pixel's own alpha, and clips the
            // last blocks (a block larger than the image is one block)
            case PIXELATE -> op(new BlockFilter((int) Math.round(a)));
            case VIGNETTE -> new VignetteFilter(a, parallel);
            case BORDER -> new InsetBorderFilter((int) Math.round(a), Colors.parse(spec.color()));
            case ROUNDED_CORNERS -> new RoundedCornersFilter(a);
        };
    }

    /**
     * {@code image} filtered into a new image; {@code image} is left as it is (renditions share pixels). Exactly one
     * copy is made and the filter runs in place on it. The copy is ours, not Scrimage's {@code copy()}: that draws
     * the image, and the drawing rounds through premultiplied alpha (a translucent pixel's colour changes, a fully
     * transparent one's is lost). The result keeps the input's type (TYPE_INT_RGB or TYPE_INT_ARGB; other types
     * become one of those), except rounded corners, which is always TYPE_INT_ARGB.
     */
    public static ImmutableImage apply(FilterSpec spec, ImmutableImage image, Parallel parallel) {
        boolean alpha = spec.kind() == FilterSpec.Kind.ROUNDED_CORNERS || image.awt().getColorModel().hasAlpha();
        ImmutableImage target = ImmutableImage.wrapAwt(copy(image.awt(), alpha, parallel), image.getMetadata());
        try {
            of(spec, parallel).apply(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // no filter here does I/O
        }
        return target;
    }

    /** A copy of {@code src} that owns its pixels, TYPE_INT_ARGB if {@code alpha}, else TYPE_INT_RGB. */
    private static BufferedImage copy(BufferedImage src, boolean alpha, Parallel parallel) {
        BufferedImage in = src;
        if (!Images.isNormalised(src)) {
            in = Images.normalise(src, parallel); // not expected (the pipeline normalises on decode); this already copies
            if (Images.hasAlpha(in) == alpha) {
                return in;
            }
        }
        BufferedImage out = Images.blank(in.getWidth(), in.getHeight(), alpha);
        int[] from = Images.pixels(in);
        int[] to = Images.pixels(out);
        if (Images.hasAlpha(in) || !alpha) {
            System.arraycopy(from, 0, to, 0, from.length);
        } else {
            for (int i = 0; i < from.length; i++) {
                to[i] = from[i] | 0xFF000000; // RGB to ARGB: every pixel opaque
            }
        }
        return out;
    }

    /** v * scale + offset on the colour channels, alpha untouched (one factor), rounded instead of truncated. */
    private static Filter rescale(double scale, double offset) {
        return op(new RescaleOp((float) scale, (float) (offset + 0.5), null));
    }

    private static Filter op(BufferedImageOp op) {
        return new BufferedOpFilter() {
            @Override
            public BufferedImageOp op() {
                return op;
            }
        };
    }
}
