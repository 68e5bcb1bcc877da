package com.imagecogni.pipeline.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The libvips reference ({@code ../shared/bench/vipsw.c}) run as a child process; its SUMMARY medians in ms. */
final class Vipsw {

    private static final Pattern MEDIAN = Pattern.compile("(\\w+)_med=([0-9.]+)");

    /** @param outDir where vipsw wrote its outputs ({@code vipsc_MODE_WIDTH.ext}) */
    record Result(String summary, Map<String, Double> medians, Path outDir) {

        double median(String key) {
            Double v = medians.get(key);
            if (v == null) {
                throw new IllegalStateException("vipsw printed no " + key + "_med: " + summary);
            }
            return v;
        }

        long outputBytes(String name) throws IOException {
            return Files.size(outDir.resolve(name));
        }
    }

    private final String binary;

    private Vipsw(String binary) {
        this.binary = binary;
    }

    /** The reference at {@code path}, or null when there is none (the bench then prints no ratios). */
    static Vipsw at(String path) {
        return path != null && new File(path).canExecute() ? new Vipsw(path) : null;
    }

    /** {@code vipsw SRC OUTDIR ITERS WARMUP MODE [extra]}, e.g. mode {@code thumb}, extra {@code avif}. */
    Result run(Path source, int iters, int warmup, String mode, String... extra) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vipsw");
        List<String> cmd = new ArrayList<>(List.of(binary, source.toString(), dir.toString(), String.valueOf(iters),
                String.valueOf(warmup), mode));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String summary = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("SUMMARY")) {
                    summary = line;
                }
            }
        }
        if (p.waitFor() != 0 || summary == null) {
            throw new IllegalStateException("vipsw " + String.join(" ", cmd) + " failed (exit " + p.exitValue() + ")");
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        Matcher m = MEDIAN.matcher(summary);
        while (m.find()) {
            medians.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return new Result(summary, medians, dir);
    }
}
