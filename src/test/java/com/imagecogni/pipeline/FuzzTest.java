package com.imagecogni.pipeline;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded, reproducible fuzzing of {@link SourceProcessor}: every mutated file of every input format must either give
 * outputs or fail with a {@link PipelineException}, within a per-case time limit.
 */
class FuzzTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    /** Fixed so every run tries the same files; {@code -Dfuzz.seed=... -Dfuzz.cases=...} explores further. */
    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_1A6EL);
    private static final int CASES = Integer.getInteger("fuzz.cases", 3000);
    private static final long CASE_LIMIT_MS = 5_000;
    private static final List<OperationSpec> OPS = List.of(
            ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(16)), ConvertSpec.of(ImageFormat.PNG, ImageFormat.WEBP));

    /** How one case ended: the failure code (null when outputs were produced), and the wrapped error behind it. */
    private record Outcome(String code, Throwable internalError, long millis) {
    }

    @Test
    void mutatedFilesOfEveryFormatGiveOutputsOrATypedRefusal() throws InterruptedException {
        SourceProcessor processor = new SourceProcessor(DecodeLimits.defaults(), RUNTIME);
        List<FuzzSeeds.Seed> seeds = FuzzSeeds.all();
        for (FuzzSeeds.Seed seed : seeds) {
            // every seed must be valid, or its mutants test nothing; this also loads the codecs before timing starts
            assertEquals(2, processor.process(seed.bytes(), OPS).size(), seed.name());
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true); // a hung case must not keep the JVM alive after the test failed
            return t;
        });
        List<String> crashes = new ArrayList<>();
        Map<String, Integer> refused = new TreeMap<>();
        int succeeded = 0;
        long slowest = -1;
        String slowestCase = "";
        long start = System.nanoTime();
        try {
            for (int i = 0; i < CASES; i++) {
                FuzzSeeds.Seed seed = seeds.get(i % seeds.size());
                FuzzMutator.Mutant mutant = new FuzzMutator(new Random(SEED * 1_000_003L + i)).mutate(seed);
                String id = String.format("case %d (seed 0x%X, %s, %s)", i, SEED, seed.name(), mutant.trace());
                Future<Outcome> future = executor.submit(() -> runCase(processor, mutant.bytes()));
                Outcome outcome;
                try {
                    outcome = future.get(CASE_LIMIT_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    fail(id + " did not finish within " + CASE_LIMIT_MS + " ms");
                    return;
                } catch (ExecutionException e) {
                    crashes.add(id + " threw " + e.getCause() + at(e.getCause()));
                    continue;
                }
                if (outcome.internalError() != null) {
                    crashes.add(id + " failed as processing_failed, wrapping " + outcome.internalError()
                            + at(outcome.internalError()));
                } else if (outcome.code() == null) {
                    succeeded++;
                } else {
                    refused.merge(outcome.code(), 1, Integer::sum);
                }
                if (outcome.millis() > slowest) {
                    slowest = outcome.millis();
                    slowestCase = "case " + i + " " + seed.name();
                }
            }
        } finally {
            executor.shutdownNow();
        }
        long total = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("FuzzTest: %d cases (seed 0x%X), %d succeeded, %d crashed, refused %s, slowest %d ms (%s), %d ms in all%n",
                CASES, SEED, succeeded, crashes.size(), refused, slowest, slowestCase, total);
        if (!crashes.isEmpty()) {
            fail(crashes.size() + " cases crashed instead of giving outputs or a typed refusal:\n"
                    + String.join("\n", crashes.subList(0, Math.min(20, crashes.size()))));
        }
    }

    /** Runs one case; anything but outputs or a PipelineException escapes and fails the case. */
    private static Outcome runCase(SourceProcessor processor, byte[] bytes) {
        long start = System.nanoTime();
        String code = null;
        Throwable internalError = null;
        try {
            List<Output> outputs = processor.process(bytes, OPS);
            assertEquals(2, outputs.size());
            for (Output o : outputs) {
                assertTrue(o.width() <= 16 && o.width() > 0 && o.height() > 0 && o.bytes().length > 0, o.toString());
            }
        } catch (PipelineException e) {
            code = e.code();
            if (e.reason() == FailureReason.PROCESSING_FAILED) {
                // SourceProcessor's wrapper for an untyped RuntimeException: a crash, only disguised as a typed one
                internalError = e.getCause() == null ? e : e.getCause();
            }
        }
        return new Outcome(code, internalError, (System.nanoTime() - start) / 1_000_000);
    }

    /** Where a crash came from: the first frame of the stack, enough to find the unguarded code path. */
    private static String at(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length == 0 ? "" : " at " + stack[0];
    }
}
