package com.imagecogni.pipeline.filter;

import com.imagecogni.pipeline.image.Parallel;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.filter.Filter;

/** Darkens towards the corners: the corner pixels by {@code amount} (1 = black), the middle not at all; alpha kept. */
final class VignetteFilter implements Filter {

    /**
     * Normalised distance (0 at the centre, 1 at the corner pixels) below which nothing darkens; from there to the
     * corners the darkening rises along a smoothstep. Our own filter: Scrimage core has no vignette, and JH Labs'
     * closest (a radial gradient composited over the image) does not give "corners times 1 - amount".
     */
    private static final double INNER = 0.5;

    private final double amount;
    private final Parallel parallel;

    VignetteFilter(double amount, Parallel parallel) {
        this.amount = amount;
        this.parallel = parallel;
    }

    @Override
    public void apply(ImmutableImage image) {
        if (amount == 0) {
            return;
        }
        int w = image.width;
        int h = image.height;
        int[] px = IntPixels.of(image);
        double[] dx2 = squaredOffsets(w);
        double[] dy2 = squaredOffsets(h);
        parallel.forRange(h, w, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    // halved so that a corner pixel, 1 away on both axes, is at distance 1
                    double d = Math.sqrt((dx2[x] + dy2[y]) / 2);
                    if (d <= INNER) {
                        continue;
                    }
                    double t = (d - INNER) / (1 - INNER);
                    double f = 1 - amount * t * t * (3 - 2 * t);
                    int p = px[i];
                    px[i] = (p & 0xFF000000)
                            | IntPixels.channel(((p >> 16) & 0xFF) * f) << 16
                            | IntPixels.channel(((p >> 8) & 0xFF) * f) << 8
                            | IntPixels.channel((p & 0xFF) * f);
                }
            }
        });
    }

    /** Per column (or row): the squared offset of its pixel centre from the middle, 1 at the first and last. */
    private static double[] squaredOffsets(int n) {
        double[] out = new double[n];
        double half = (n - 1) / 2.0;
        for (int i = 0; i < n && half > 0; i++) {
            double d = (i - half) / half;
            out[i] = d * d;
        }
        return out;
    }

    @Override
    public int[] types() {
        return IntPixels.TYPES.clone();
    }
}
