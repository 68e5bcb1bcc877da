package com.imagecogni.pipeline.image;

import java.awt.image.BufferedImage;

/**
 * Lossless pixel remaps, indexed by EXIF orientation code: 2 mirror horizontal, 3 rotate 180, 4 mirror vertical,
 * 5 transpose, 6 rotate 90 clockwise, 7 transverse, 8 rotate 270 clockwise. Rotate and flip steps reuse them.
 */
public final class Transforms {

    public static final int MIRROR_HORIZONTAL = 2;
    public static final int ROTATE_180 = 3;
    public static final int MIRROR_VERTICAL = 4;
    public static final int ROTATE_90_CW = 6;
    public static final int ROTATE_270_CW = 8;

    private Transforms() {
    }

    /** Turns stored pixels into displayed pixels for an EXIF orientation; 1 (or unknown) returns the input. */
    public static BufferedImage orient(BufferedImage img, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return img;
        }
        BufferedImage src = Images.normalise(img);
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        BufferedImage out = Images.blank(ow, oh, Images.hasAlpha(src));
        int[] in = Images.pixels(src);
        int[] dst = Images.pixels(out);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                dst[y * ow + x] = in[sy * w + sx];
            }
        }
        return out;
    }
}
