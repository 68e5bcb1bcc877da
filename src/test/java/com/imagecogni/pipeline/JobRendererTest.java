package com.imagecogni.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.SizeSpec;

/** A job's bad source fails alone: its error is in the manifest and the other sources are processed. */
class JobRendererTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    @Test
    void aBadSourceDoesNotStopTheOthers(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("job.zip");
        byte[] png = TestImages.encode(TestImages.gradient(64, 48), "png");
        JobRenderer.Result result = new JobRenderer(DecodeLimits.defaults(), RUNTIME).render(zip, "cfg",
                "{}".getBytes(StandardCharsets.UTF_8), List.of(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(32))),
                List.of(new JobRenderer.NamedSource("a.png", png),
                        new JobRenderer.NamedSource("evil.jpg", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8)),
                        new JobRenderer.NamedSource("b.png", png)));

        assertEquals(1, result.failed());
        assertEquals("unsupported_format", result.sources().get(1).error().reason());
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = Collections.list(z.entries()).stream().map(ZipEntry::getName).toList();
            assertEquals(List.of("configuration/cfg.json", "output/32w/a.png", "output/32w/b.png", "manifest.json"), names);
            String manifest = new String(z.getInputStream(z.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(manifest.contains("\"evil.jpg\"") && manifest.contains("unsupported_format"), manifest);
        }
    }

    /** Progress is heard after each source but the last (the stored result says the rest), failed sources included. */
    @Test
    void progressCountsFinishedSourcesAndWrittenOutputs(@TempDir Path dir) throws Exception {
        byte[] png = TestImages.encode(TestImages.gradient(64, 48), "png");
        List<String> heard = new java.util.ArrayList<>();
        new JobRenderer(DecodeLimits.defaults(), RUNTIME).render(dir.resolve("job.zip"), "cfg",
                "{}".getBytes(StandardCharsets.UTF_8),
                List.of(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(32), SizeSpec.width(16))),
                List.of(new JobRenderer.NamedSource("a.png", png),
                        new JobRenderer.NamedSource("bad.png", "not an image".getBytes(StandardCharsets.UTF_8)),
                        new JobRenderer.NamedSource("b.png", png)),
                Deadline.none(), index -> NativeCallRecorder.NONE, (sources, outputs) -> heard.add(sources + "/" + outputs));
        assertEquals(List.of("1/2", "2/2"), heard);
    }

    /**
     * A source whose processing really exhausts the heap (one array larger than the whole heap: the JVM refuses it
     * after a full collection, without touching memory) fails alone as out_of_memory; the sources around it succeed.
     */
    @Test
    void aSourceThatExhaustsTheHeapFailsAloneAndTheOthersGoOn(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < (16L << 30), "the heap must be smaller than the array");
        byte[] png = TestImages.encode(TestImages.gradient(64, 48), "png");
        byte[] hungry = TestImages.encode(TestImages.gradient(8, 8), "png");
        SourceProcessor real = new SourceProcessor(DecodeLimits.defaults(), RUNTIME);
        JobRenderer renderer = new JobRenderer((bytes, ops, deadline, nativeCalls) -> {
            if (bytes == hungry) {
                long[] whole = new long[Integer.MAX_VALUE - 8];
                whole[0] = 1;
            }
            return real.process(bytes, ops, deadline);
        });
        JobRenderer.Result result = renderer.render(dir.resolve("job.zip"), "cfg", "{}".getBytes(StandardCharsets.UTF_8),
                List.of(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(32))),
                List.of(new JobRenderer.NamedSource("a.png", png), new JobRenderer.NamedSource("hungry.png", hungry),
                        new JobRenderer.NamedSource("b.png", png)));

        assertEquals(1, result.failed());
        assertEquals(List.of("succeeded", "failed", "succeeded"), result.sources().stream().map(s -> s.status()).toList());
        assertEquals("out_of_memory", result.sources().get(1).error().reason());
        try (ZipFile z = new ZipFile(dir.resolve("job.zip").toFile())) {
            assertTrue(z.getEntry("output/32w/a.png") != null && z.getEntry("output/32w/b.png") != null);
        }
    }

    @Test
    void sourcesNotStartedBeforeTheDeadlineFailWithTimeLimit(@TempDir Path dir) throws Exception {
        byte[] png = TestImages.encode(TestImages.gradient(16, 16), "png");
        JobRenderer.Result result = new JobRenderer(DecodeLimits.defaults(), RUNTIME).render(dir.resolve("late.zip"),
                "cfg", "{}".getBytes(StandardCharsets.UTF_8), List.of(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(8))),
                List.of(new JobRenderer.NamedSource("a.png", png)), Deadline.in(java.time.Duration.ofSeconds(-1)));
        assertEquals(1, result.failed());
        assertEquals(JobRenderer.TIME_LIMIT, result.sources().get(0).error().reason());
    }
}
