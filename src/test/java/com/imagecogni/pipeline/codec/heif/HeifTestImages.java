package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test inputs made with this package's own encoder path (x265 for HEIC, aom for AVIF) and pixel comparisons. */
final class HeifTestImages {

    static final Color TOP_LEFT = new Color(220, 30, 30);
    static final Color TOP_RIGHT = new Color(30, 200, 40);
    static final Color BOTTOM_LEFT = new Color(30, 40, 220);
    static final Color BOTTOM_RIGHT = new Color(240, 240, 240);

    private HeifTestImages() {
    }

    /** Four flat quadrants, so each corner's colour survives lossy coding and tells the orientation. */
    static BufferedImage quadrants(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(TOP_LEFT);
        g.fillRect(0, 0, width / 2, height / 2);
        g.setColor(TOP_RIGHT);
        g.fillRect(width / 2, 0, width - width / 2, height / 2);
        g.setColor(BOTTOM_LEFT);
        g.fillRect(0, height / 2, width / 2, height - height / 2);
        g.setColor(BOTTOM_RIGHT);
        g.fillRect(width / 2, height / 2, width - width / 2, height - height / 2);
        g.dispose();
        return image;
    }

    /** A smooth photo-like gradient with some texture, for PSNR checks. */
    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 255 * x / Math.max(1, width - 1);
                int g = 255 * y / Math.max(1, height - 1);
                int b = (int) (128 + 100 * Math.sin(x / 9.0) * Math.cos(y / 13.0));
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    static byte[] heic(BufferedImage image, int quality) {
        return encode(image, HeifBinding.COMPRESSION_HEVC, quality, 8, 1, SourceMetadata.NONE);
    }

    static byte[] encode(BufferedImage image, int compression, int quality, int bitDepth, int orientation,
            SourceMetadata metadata) {
        return HeifEncoding.encode(image, new HeifEncoding.Settings(compression, quality, false, -1, null, bitDepth,
                orientation), metadata);
    }

    static void assertColour(Color expected, int argb, int tolerance, String where) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        assertTrue(Math.abs(r - expected.getRed()) <= tolerance && Math.abs(g - expected.getGreen()) <= tolerance
                        && Math.abs(b - expected.getBlue()) <= tolerance,
                where + ": expected " + expected + " but got rgb(" + r + "," + g + "," + b + ")");
    }

    /** Peak signal-to-noise ratio of the RGB samples, in dB. */
    static double psnr(BufferedImage expected, BufferedImage actual) {
        return com.imagecogni.support.Psnr.of(expected, actual);
    }
}
