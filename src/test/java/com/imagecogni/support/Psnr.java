package com.imagecogni.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;

/** Peak signal-to-noise ratio of two images of the same size over their R, G and B samples, in dB. */
public final class Psnr {

    private Psnr() {
    }

    /** Infinite for identical images; the sizes must match. */
    public static double of(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth(), "width");
        assertEquals(expected.getHeight(), actual.getHeight(), "height");
        double squares = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int a = expected.getRGB(x, y);
                int b = actual.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = (a >> shift & 0xFF) - (b >> shift & 0xFF);
                    squares += d * d;
                }
            }
        }
        double mse = squares / (3.0 * expected.getWidth() * expected.getHeight());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
