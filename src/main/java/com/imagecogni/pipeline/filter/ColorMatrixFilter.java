package com.imagecogni.pipeline.filter;

import com.imagecogni.pipeline.image.Parallel;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.filter.Filter;

/** A 3x3 colour matrix blended with the identity by a strength (grayscale and sepia), alpha kept. */
final class ColorMatrixFilter implements Filter {

    /**
     * Rec. 601 luma, as the filter always used (Scrimage calls these WEIGHTED; its LUMA is Rec. 709). Our own filter
     * because neither library has a grey with a strength: Scrimage's toGrayscale and JH Labs' GrayscaleFilter are
     * all-or-nothing (and Scrimage's makes a Point and a Pixel object per pixel).
     */
    private static final double[] GRAY = {
            0.299, 0.587, 0.114,
            0.299, 0.587, 0.114,
            0.299, 0.587, 0.114};

    /** The classic sepia matrix (the one the filter always used); neither Scrimage core nor JH Labs has sepia. */
    private static final double[] SEPIA = {
            0.393, 0.769, 0.189,
            0.349, 0.686, 0.168,
            0.272, 0.534, 0.131};

    private final double[] m;
    private final Parallel parallel;

    private ColorMatrixFilter(double[] full, double strength, Parallel parallel) {
        this.parallel = parallel;
        // I + strength * (M - I): strength 0 is exactly the identity matrix, so pixels come back unchanged
        m = new double[9];
        for (int i = 0; i < 9; i++) {
            double identity = i % 4 == 0 ? 1 : 0;
            m[i] = identity + strength * (full[i] - identity);
        }
    }

    static ColorMatrixFilter grayscale(double strength, Parallel parallel) {
        return new ColorMatrixFilter(GRAY, strength, parallel);
    }

    static ColorMatrixFilter sepia(double strength, Parallel parallel) {
        return new ColorMatrixFilter(SEPIA, strength, parallel);
    }

    @Override
    public void apply(ImmutableImage image) {
        int[] px = IntPixels.of(image);
        parallel.forRange(px.length, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                int p = px[i];
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                px[i] = (p & 0xFF000000)
                        | IntPixels.channel(m[0] * r + m[1] * g + m[2] * b) << 16
                        | IntPixels.channel(m[3] * r + m[4] * g + m[5] * b) << 8
                        | IntPixels.channel(m[6] * r + m[7] * g + m[8] * b);
            }
        });
    }

    @Override
    public int[] types() {
        return IntPixels.TYPES.clone();
    }
}
