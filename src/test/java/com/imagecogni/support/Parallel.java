package com.imagecogni.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Fires n requests at the same moment from n threads, to race the service against itself. */
public final class Parallel {

    private Parallel() {
    }

    /** The results of {@code request.apply(0..n-1)}, in that order, all released by one latch. */
    public static <T> List<T> run(int n, IntFunction<T> request) {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } catch (Exception e) {
            throw new AssertionError("parallel requests failed", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
