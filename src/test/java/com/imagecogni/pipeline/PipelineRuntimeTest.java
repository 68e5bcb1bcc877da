package com.imagecogni.pipeline;

import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.FlipSpec;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two runtimes share nothing: each pipeline reports to its own listener and forks onto its own helper threads. */
class PipelineRuntimeTest {

    private static final int RUNS = 12;
    /** Large enough that resizing and encoding actually go to the helper threads (see Parallel.MIN_PARALLEL_WORK). */
    private static final BufferedImage SOURCE = TestImages.gradient(800, 600);
    private static final List<OperationSpec> RESIZE_TO_PNG = List.of(
            ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(300), SizeSpec.width(200)), ConvertSpec.of(ImageFormat.PNG));
    private static final List<OperationSpec> FLIP_TO_JPEG = List.of(new FlipSpec(FlipSpec.Direction.HORIZONTAL),
            ConvertSpec.of(ImageFormat.JPEG));

    /** Counts steps by name and remembers which threads ran the encodes. */
    private static final class Recorder implements StepTimings {
        final Map<String, LongAdder> steps = new ConcurrentHashMap<>();
        final Set<Thread> encodeThreads = ConcurrentHashMap.newKeySet();

        @Override
        public void record(String step, long nanos) {
            steps.computeIfAbsent(step, k -> new LongAdder()).increment();
            if (step.startsWith("encode:")) {
                encodeThreads.add(Thread.currentThread());
            }
        }

        Map<String, Long> counts() {
            Map<String, Long> out = new TreeMap<>();
            steps.forEach((step, n) -> out.put(step, n.sum()));
            return out;
        }
    }

    @Test
    void concurrentPipelinesReportOnlyToTheirOwnRuntimesListenerAndUseOnlyItsHelpers() throws Exception {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (PipelineRuntime runtimeA = new PipelineRuntime(1, a); PipelineRuntime runtimeB = new PipelineRuntime(1, b)) {
            Pipeline pipelineA = new Pipeline(50_000_000L, runtimeA);
            Pipeline pipelineB = new Pipeline(50_000_000L, runtimeB);
            CyclicBarrier together = new CyclicBarrier(2);
            Set<Thread> callerThreads = ConcurrentHashMap.newKeySet();
            Future<?> runA = callers.submit(() -> {
                callerThreads.add(Thread.currentThread());
                for (int i = 0; i < RUNS; i++) {
                    together.await(10, TimeUnit.SECONDS);
                    assertEquals(2, pipelineA.run(SOURCE, RESIZE_TO_PNG, ImageFormat.JPEG).size());
                }
                return null;
            });
            Future<?> runB = callers.submit(() -> {
                callerThreads.add(Thread.currentThread());
                for (int i = 0; i < RUNS; i++) {
                    together.await(10, TimeUnit.SECONDS);
                    assertEquals(1, pipelineB.run(SOURCE, FLIP_TO_JPEG, ImageFormat.JPEG).size());
                }
                return null;
            });
            runA.get(2, TimeUnit.MINUTES);
            runB.get(2, TimeUnit.MINUTES);

            // every step of each pipeline, each heard once per image, and nothing of the other pipeline's
            assertEquals(Map.of("resize", 2L * RUNS, "convert", 2L * RUNS, "encode:png", 2L * RUNS), a.counts());
            assertEquals(Map.of("flip", (long) RUNS, "convert", (long) RUNS, "encode:jpg", (long) RUNS), b.counts());

            // apart from the two callers, no thread encoded for both runtimes: their helper pools are distinct
            Set<Thread> helpersA = new HashSet<>(a.encodeThreads);
            Set<Thread> helpersB = new HashSet<>(b.encodeThreads);
            helpersA.removeAll(callerThreads);
            helpersB.removeAll(callerThreads);
            assertTrue(Collections.disjoint(helpersA, helpersB), helpersA + " and " + helpersB);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aRuntimesBusyHelpersDoNotHoldUpAnotherRuntimesWork() throws Exception {
        try (PipelineRuntime a = new PipelineRuntime(1, StepTimings.NONE);
                PipelineRuntime b = new PipelineRuntime(1, StepTimings.NONE)) {
            assertNotSame(a.parallel(), b.parallel());
            assertNotSame(a.resampler(), b.resampler());
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            FutureTask<Boolean> blocking = a.parallel().fork(() -> {
                started.countDown();
                return release.await(1, TimeUnit.MINUTES);
            });
            assertTrue(started.await(30, TimeUnit.SECONDS), "runtime A's only helper took the task");
            // B's task must start on B's own helper while A's only one is busy: not joined, so nobody else runs it
            FutureTask<String> other = b.parallel().fork(() -> Thread.currentThread().getName());
            String ranOn = other.get(30, TimeUnit.SECONDS);
            assertTrue(ranOn.startsWith("pipeline-pixels-"), ranOn);
            release.countDown();
            assertTrue(a.parallel().join(blocking));
        }
    }

    @Test
    void aClosedRuntimeStillFinishesWorkOnTheCallersThread() {
        PipelineRuntime runtime = new PipelineRuntime(1, StepTimings.NONE);
        runtime.close();
        List<Output> outputs = new Pipeline(50_000_000L, runtime).run(SOURCE, RESIZE_TO_PNG, ImageFormat.JPEG);
        assertEquals(List.of(300, 200), outputs.stream().map(Output::width).toList());
    }
}
