package com.imagecogni.pipeline.filter;

import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.Parallel;
import com.jhlabs.image.GaussianFilter;
import com.jhlabs.image.UnsharpFilter;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.filter.BufferedOpFilter;
import com.sksamuel.scrimage.filter.Filter;

import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.RescaleOp;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Prints how long our BoxBlur-based blur and unsharp mask take against JH Labs' GaussianFilter and UnsharpFilter, and
 * Scrimage's contrast against one RescaleOp, on a 2000x1500 TYPE_INT_RGB image: the figures in the Javadoc of
 * {@link BoxBlurFilter} and {@link UnsharpMaskFilter} and in {@code ImageFilters}. Not a test (no assertion on
 * time); run it after {@code mvnw test-compile} with the test classpath, {@code -Dpipeline.threads=0} for one thread.
 */
public final class FilterTiming {

    private static final int WIDTH = 2000;
    private static final int HEIGHT = 1500;
    /** Sized as the service's would be: {@code -Dpipeline.threads}, else half the cores. */
    private static final Parallel PARALLEL = new Parallel(Parallel.defaultHelperThreads());

    private FilterTiming() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        BufferedImage src = photoLike();
        System.out.printf("%dx%d TYPE_INT_RGB, best of %d after a warm-up, %d cores, %d pixel helper threads%n",
                WIDTH, HEIGHT, runs, Runtime.getRuntime().availableProcessors(), PARALLEL.helperThreads());
        for (double sigma : new double[]{2, 10, 50}) {
            report("blur sigma " + sigma, src, runs, new BoxBlurFilter(sigma),
                    op(new GaussianFilter((float) (3 * sigma)))); // JH Labs' radius is 3 sigma
        }
        report("sharpen 1 (sigma 1)", src, runs, new UnsharpMaskFilter(1, 1, PARALLEL), op(unsharp(1)));
        for (double sigma : new double[]{2, 10, 50}) {
            report("unsharp sigma " + sigma, src, runs, new UnsharpMaskFilter(sigma, 1, PARALLEL), op(unsharp(sigma)));
        }
        report("contrast 0.2", src, runs, op(new RescaleOp(1.2f, -25.1f, null)), image -> image.contrastInPlace(1.2));
    }

    /** JH Labs' unsharp mask at full strength: its amount is multiplied by 4, its radius is 3 sigma. */
    private static UnsharpFilter unsharp(double sigma) {
        UnsharpFilter f = new UnsharpFilter();
        f.setRadius((float) (3 * sigma));
        f.setAmount(0.25f);
        return f;
    }

    private static void report(String what, BufferedImage src, int runs, Filter ours, Filter theirs) throws Exception {
        long[] a = time(src, runs, ours);
        long[] b = time(src, runs, theirs);
        System.out.printf("%-22s ours %6d ms (%4d MB allocated)   library %6d ms (%4d MB allocated)%n",
                what, a[0], a[1] >> 20, b[0], b[1] >> 20);
    }

    /** Best milliseconds of {@code runs} and the bytes the calling thread allocated in that run. */
    private static long[] time(BufferedImage src, int runs, Filter filter) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long bytes = 0;
        for (int i = 0; i <= runs; i++) {
            ImmutableImage copy = ImmutableImage.wrapAwt(Images.region(src, 0, 0, WIDTH, HEIGHT));
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long t = System.nanoTime();
            filter.apply(copy);
            long ms = (System.nanoTime() - t) / 1_000_000;
            if (i > 0 && ms < best) {
                best = ms;
                bytes = threads.getCurrentThreadAllocatedBytes() - allocated;
            }
        }
        return new long[]{best, bytes};
    }

    /** Smooth gradients with noise: some edges, some flat-ish areas. */
    private static BufferedImage photoLike() {
        BufferedImage img = Images.blank(WIDTH, HEIGHT, false);
        int[] px = Images.pixels(img);
        Random random = new Random(1);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int r = x * 255 / WIDTH;
                int g = y * 255 / HEIGHT;
                int b = ((x / 100 + y / 100) % 2) * 160 + random.nextInt(64);
                px[y * WIDTH + x] = r << 16 | g << 8 | b;
            }
        }
        return img;
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
