package com.imagecogni.pipeline.image;

import java.awt.image.BufferedImage;

/**
 * Exact area-average resampling: each output pixel is the coverage-weighted mean of the source pixels under it (a
 * plain copy of the covering pixel when enlarging). The fallback for edges too short for the Lanczos3 kernel.
 */
final class AreaAverage {

    private AreaAverage() {
    }

    /** @param src a normalised (int layout) image */
    static BufferedImage resize(BufferedImage src, int width, int height) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        // Resample the axis first that keeps the intermediate smaller; it is then never larger than source or result.
        if ((long) width * sh <= (long) sw * height) {
            return alongAxis(alongAxis(src, width, sh), width, height);
        }
        return alongAxis(alongAxis(src, sw, height), width, height);
    }

    /** Resamples along the one axis whose length differs between {@code src} and {@code width x height}. */
    private static BufferedImage alongAxis(BufferedImage src, int width, int height) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        if (sw == width && sh == height) {
            return src;
        }
        boolean horizontal = sw != width;
        int inLength = horizontal ? sw : sh;
        int outLength = horizontal ? width : height;
        int lines = horizontal ? sh : sw;
        int inStep = horizontal ? 1 : sw;
        int outStep = horizontal ? 1 : width;
        int inLineStep = horizontal ? sw : 1;
        int outLineStep = horizontal ? width : 1;
        boolean alpha = Images.hasAlpha(src);
        BufferedImage out = Images.blank(width, height, alpha);
        int[] in = Images.pixels(src);
        int[] dst = Images.pixels(out);
        double span = inLength / (double) outLength; // source pixels under one output pixel
        double[] sums = new double[4];
        for (int o = 0; o < outLength; o++) {
            double start = o * span;
            double end = Math.min(inLength, start + span);
            int first = (int) start;
            int last = Math.min(inLength - 1, (int) Math.ceil(end) - 1);
            for (int line = 0; line < lines; line++) {
                java.util.Arrays.fill(sums, 0);
                double total = 0;
                for (int i = first; i <= last; i++) {
                    double weight = Math.min(end, i + 1) - Math.max(start, i);
                    int p = in[line * inLineStep + i * inStep];
                    for (int c = 0; c < 4; c++) {
                        sums[c] += weight * ((p >>> (8 * c)) & 0xFF);
                    }
                    total += weight;
                }
                int packed = alpha ? 0 : 0xFF000000;
                for (int c = alpha ? 3 : 2; c >= 0; c--) {
                    packed |= Math.min(255, (int) Math.round(sums[c] / total)) << (8 * c);
                }
                dst[line * outLineStep + o * outStep] = packed;
            }
        }
        return out;
    }
}
