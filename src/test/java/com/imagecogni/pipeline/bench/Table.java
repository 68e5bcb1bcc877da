package com.imagecogni.pipeline.bench;

import java.util.ArrayList;
import java.util.List;

/** What the bench prints at the end: the timing rows, then the figures and the ratios against libvips or before. */
final class Table {

    private final List<Runnable> timings = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();

    /** Every series of {@code samples}, each row's name prefixed by {@code label}. */
    void rows(String label, Samples samples) {
        timings.add(() -> samples.print(System.out, label));
    }

    void fact(String name, String value) {
        figures.add(String.format("| %s | %s | | | |", name, value));
    }

    /** {@code ours / reference}, e.g. milliseconds against libvips' in the same run. */
    void ratio(String name, double ours, double reference, String target) {
        figures.add(String.format("| %s | %.1f | %.1f | %.2fx | %s |", name, ours, reference, ours / reference, target));
    }

    void print(int iters, int warmup) {
        System.out.println();
        System.out.println("| measure | median ms (of " + iters + " after " + warmup + " warm-up; HEIC/AVIF rows: "
                + "bench.heic.*) | min | max |");
        System.out.println("|---|---:|---:|---:|");
        timings.forEach(Runnable::run);
        System.out.println();
        System.out.println("| figure | ours | libvips / before | ratio | target |");
        System.out.println("|---|---:|---:|---:|---|");
        figures.forEach(System.out::println);
    }
}
