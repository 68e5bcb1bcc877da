package com.imagecogni.pipeline.image;

/**
 * Gaussian blur approximated by three box blurs (running sums), so the cost per pixel does not grow with the radius;
 * a sigma of 100 on a large photo stays linear-time. All four channels are blurred; edges are clamped.
 */
public final class BoxBlur {

    private BoxBlur() {
    }

    /** Returns new packed pixels blurred with a Gaussian of the given sigma. */
    public static int[] gaussian(int[] src, int width, int height, double sigma) {
        int[] a = src.clone();
        int[] b = new int[src.length];
        for (int size : boxSizes(sigma)) {
            int r = (size - 1) / 2;
            if (r == 0) {
                continue;
            }
            horizontal(a, b, width, height, r);
            vertical(b, a, width, height, r);
        }
        return a;
    }

    /** Box widths whose three-fold convolution matches the Gaussian's variance (W. Jarosz, "Fast Image Convolutions"). */
    static int[] boxSizes(double sigma) {
        int n = 3;
        double ideal = Math.sqrt(12 * sigma * sigma / n + 1);
        int wl = (int) Math.floor(ideal);
        if (wl % 2 == 0) {
            wl--;
        }
        int wu = wl + 2;
        double mIdeal = (12 * sigma * sigma - n * wl * wl - 4.0 * n * wl - 3.0 * n) / (-4.0 * wl - 4);
        long m = Math.round(mIdeal);
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = i < m ? wl : wu;
        }
        return sizes;
    }

    private static void horizontal(int[] src, int[] dst, int w, int h, int r) {
        for (int y = 0; y < h; y++) {
            blurLine(src, dst, y * w, 1, w, r);
        }
    }

    private static void vertical(int[] src, int[] dst, int w, int h, int r) {
        for (int x = 0; x < w; x++) {
            blurLine(src, dst, x, w, h, r);
        }
    }

    private static void blurLine(int[] src, int[] dst, int start, int step, int length, int r) {
        long a = 0;
        long red = 0;
        long green = 0;
        long blue = 0;
        int span = 2 * r + 1;
        for (int k = -r; k <= r; k++) {
            int p = src[start + clamp(k, length) * step];
            a += p >>> 24;
            red += (p >> 16) & 0xFF;
            green += (p >> 8) & 0xFF;
            blue += p & 0xFF;
        }
        for (int i = 0; i < length; i++) {
            dst[start + i * step] = (int) (((a + r) / span) << 24 | ((red + r) / span) << 16
                    | ((green + r) / span) << 8 | (blue + r) / span);
            int in = src[start + clamp(i + r + 1, length) * step];
            int out = src[start + clamp(i - r, length) * step];
            a += (in >>> 24) - (out >>> 24);
            red += ((in >> 16) & 0xFF) - ((out >> 16) & 0xFF);
            green += ((in >> 8) & 0xFF) - ((out >> 8) & 0xFF);
            blue += (in & 0xFF) - (out & 0xFF);
        }
    }

    private static int clamp(int i, int length) {
        return i < 0 ? 0 : Math.min(i, length - 1);
    }
}
