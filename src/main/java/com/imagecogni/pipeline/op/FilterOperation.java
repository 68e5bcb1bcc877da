package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.image.BoxBlur;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.model.FilterSpec;

import java.awt.image.BufferedImage;
import java.util.List;

/** Grayscale, sepia, blur, sharpen, brightness or contrast; see {@link FilterSpec} for what {@code amount} means. */
public final class FilterOperation implements Operation {

    /** Sharpening uses a fixed small radius: it should crisp edges, not add halos. */
    private static final double SHARPEN_SIGMA = 1.0;

    private final FilterSpec spec;

    public FilterOperation(FilterSpec spec) {
        this.spec = spec;
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        BufferedImage src = Images.normalise(input.awt());
        int w = src.getWidth();
        int h = src.getHeight();
        int[] in = Images.pixels(src);
        BufferedImage out = Images.blank(w, h, Images.hasAlpha(src));
        int[] dst = Images.pixels(out);
        double a = spec.amount();
        switch (spec.kind()) {
            case BLUR -> System.arraycopy(BoxBlur.gaussian(in, w, h, a), 0, dst, 0, dst.length);
            case SHARPEN -> sharpen(in, BoxBlur.gaussian(in, w, h, SHARPEN_SIGMA), dst, a);
            default -> {
                for (int i = 0; i < in.length; i++) {
                    dst[i] = pointFilter(in[i], a);
                }
            }
        }
        return List.of(input.withImage(out));
    }

    private int pointFilter(int p, double a) {
        int r = (p >> 16) & 0xFF;
        int g = (p >> 8) & 0xFF;
        int b = p & 0xFF;
        double nr;
        double ng;
        double nb;
        switch (spec.kind()) {
            case GRAYSCALE -> {
                double l = 0.299 * r + 0.587 * g + 0.114 * b;
                nr = r + (l - r) * a;
                ng = g + (l - g) * a;
                nb = b + (l - b) * a;
            }
            case SEPIA -> {
                nr = r + (0.393 * r + 0.769 * g + 0.189 * b - r) * a;
                ng = g + (0.349 * r + 0.686 * g + 0.168 * b - g) * a;
                nb = b + (0.272 * r + 0.534 * g + 0.131 * b - b) * a;
            }
            case BRIGHTNESS -> {
                nr = r * (1 + a);
                ng = g * (1 + a);
                nb = b * (1 + a);
            }
            default -> { // CONTRAST: stretch around mid-grey
                nr = (r - 128) * (1 + a) + 128;
                ng = (g - 128) * (1 + a) + 128;
                nb = (b - 128) * (1 + a) + 128;
            }
        }
        return (p & 0xFF000000) | channel(nr) << 16 | channel(ng) << 8 | channel(nb);
    }

    private static void sharpen(int[] in, int[] blurred, int[] dst, double amount) {
        for (int i = 0; i < in.length; i++) {
            int p = in[i];
            int q = blurred[i];
            int r = channel(((p >> 16) & 0xFF) + amount * (((p >> 16) & 0xFF) - ((q >> 16) & 0xFF)));
            int g = channel(((p >> 8) & 0xFF) + amount * (((p >> 8) & 0xFF) - ((q >> 8) & 0xFF)));
            int b = channel((p & 0xFF) + amount * ((p & 0xFF) - (q & 0xFF)));
            dst[i] = (p & 0xFF000000) | r << 16 | g << 8 | b;
        }
    }

    private static int channel(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
