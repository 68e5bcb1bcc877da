package com.imagecogni.support;

import java.util.Arrays;
import java.util.function.Supplier;

/** Times an encoder for the benchmark mains: three warm-up runs, then the median, min and max of {@code runs}. */
public final class EncodeTimer {

    private EncodeTimer() {
    }

    public static void report(String name, int runs, Supplier<byte[]> encode) {
        long[] ms = new long[runs];
        int size = 0;
        for (int i = -3; i < runs; i++) {
            long start = System.nanoTime();
            size = encode.get().length;
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        Arrays.sort(ms);
        System.out.printf("%s: median %d ms (min %d, max %d), %d bytes%n", name, ms[runs / 2], ms[0], ms[runs - 1],
                size);
    }
}
