package com.imagecogni.pipeline.bench;

import java.awt.image.BufferedImage;

/** Slow, exact, floating-point separable Lanczos3 (kernel widened by the reduction factor, edge weights renormalised). */
final class ExactLanczos3 {

    private ExactLanczos3() {
    }

    /** PSNR in dB of {@code img}'s RGB samples against {@code ref} (rows of interleaved R, G, B doubles). */
    static double psnr(BufferedImage img, double[][] ref) {
        int w = img.getWidth();
        int h = img.getHeight();
        double sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    double d = ((p >> (16 - 8 * c)) & 0xFF) - ref[y][x * 3 + c];
                    sum += d * d;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / (3.0 * w * h)));
    }

    static double[][] resize(BufferedImage src, int w, int h) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        double[][] plane = new double[sh][sw * 3];
        int[] row = new int[sw];
        for (int y = 0; y < sh; y++) {
            src.getRGB(0, y, sw, 1, row, 0, sw);
            for (int x = 0; x < sw; x++) {
                plane[y][3 * x] = (row[x] >> 16) & 0xFF;
                plane[y][3 * x + 1] = (row[x] >> 8) & 0xFF;
                plane[y][3 * x + 2] = row[x] & 0xFF;
            }
        }
        double[][] hx = new double[sh][w * 3];
        double[][] wx = weights(sw, w);
        int[] fx = firsts(sw, w);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < w; x++) {
                for (int t = 0; t < wx[x].length; t++) {
                    int sx = fx[x] + t;
                    for (int c = 0; c < 3; c++) {
                        hx[y][3 * x + c] += wx[x][t] * plane[y][3 * sx + c];
                    }
                }
            }
        }
        double[][] wy = weights(sh, h);
        int[] fy = firsts(sh, h);
        double[][] out = new double[h][w * 3];
        for (int y = 0; y < h; y++) {
            for (int t = 0; t < wy[y].length; t++) {
                double[] in = hx[fy[y] + t];
                double k = wy[y][t];
                for (int i = 0; i < w * 3; i++) {
                    out[y][i] += k * in[i];
                }
            }
        }
        return out;
    }

    private static double support(int in, int out) {
        return 3.0 * Math.max(1.0, in / (double) out);
    }

    private static int[] firsts(int in, int out) {
        int[] f = new int[out];
        double scale = in / (double) out;
        double s = support(in, out);
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) * scale;
            f[o] = Math.max(0, (int) Math.floor(centre - s));
        }
        return f;
    }

    private static double[][] weights(int in, int out) {
        double scale = in / (double) out;
        double filterScale = Math.max(1.0, scale);
        double s = support(in, out);
        double[][] w = new double[out][];
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) * scale;
            int first = Math.max(0, (int) Math.floor(centre - s));
            int last = Math.min(in - 1, (int) Math.ceil(centre + s));
            double[] k = new double[last - first + 1];
            double sum = 0;
            for (int i = first; i <= last; i++) {
                k[i - first] = lanczos3((i + 0.5 - centre) / filterScale);
                sum += k[i - first];
            }
            for (int i = 0; i < k.length; i++) {
                k[i] /= sum;
            }
            w[o] = k;
        }
        return w;
    }

    private static double lanczos3(double x) {
        x = Math.abs(x);
        if (x < 1e-12) {
            return 1;
        }
        if (x >= 3) {
            return 0;
        }
        double px = Math.PI * x;
        return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
    }
}
