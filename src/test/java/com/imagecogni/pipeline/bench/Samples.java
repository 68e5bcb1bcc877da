package com.imagecogni.pipeline.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named series of timings in milliseconds, one value per measured iteration, printed as median/min/max rows. */
final class Samples {

    private final Map<String, List<Double>> series = new LinkedHashMap<>();

    void add(String name, long nanos) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(nanos / 1e6);
    }

    double median(String name) {
        List<Double> v = sorted(name);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** Every series' median, in insertion order. */
    Map<String, Double> medians() {
        Map<String, Double> m = new LinkedHashMap<>();
        series.keySet().forEach(k -> m.put(k, median(k)));
        return m;
    }

    /** {@code | label name | median | min | max |} per series. */
    void print(PrintStream out, String label) {
        for (String name : series.keySet()) {
            List<Double> v = sorted(name);
            out.printf("| %s%s | %.1f | %.1f | %.1f |%n", label, name, median(name), v.get(0), v.get(v.size() - 1));
        }
    }

    private List<Double> sorted(String name) {
        List<Double> v = new ArrayList<>(series.get(name));
        v.sort(null);
        return v;
    }
}
