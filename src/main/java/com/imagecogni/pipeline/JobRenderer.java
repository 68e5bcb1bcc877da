package com.imagecogni.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.zip.Manifest;
import com.imagecogni.pipeline.zip.ResultZipWriter;

/**
 * Renders a whole job into its result ZIP: every source through the operations, one after the
 * other, each failure (a typed refusal, or the heap running out) recorded for that source alone
 * while the others go on.
 */
public final class JobRenderer {

    /** Failure reason of sources a job had no time left for. */
    public static final String TIME_LIMIT = FailureReason.TIME_LIMIT_EXCEEDED.code();

    private final Step step;

    public JobRenderer(DecodeLimits limits, PipelineRuntime runtime) {
        this(limits, CreditCalculator.DEFAULT_MAX_OUTPUTS, runtime);
    }

    /**
     * @param maxOutputs images one source may become ({@code imagecogni.limits.max-outputs-per-source})
     * @param runtime the helper threads, resampler and timings listener the sources are processed with
     */
    public JobRenderer(DecodeLimits limits, int maxOutputs, PipelineRuntime runtime) {
        this(new SourceProcessor(limits, maxOutputs, runtime)::process);
    }

    /** For tests: renders with another step than the decoder and pipeline, such as one that exhausts the heap. */
    JobRenderer(Step step) {
        this.step = step;
    }

    /** One source's bytes to its outputs before the deadline; {@link SourceProcessor#process} outside tests. */
    @FunctionalInterface
    interface Step {
        List<Output> process(byte[] bytes, List<OperationSpec> operations, Deadline deadline,
                NativeCallRecorder nativeCalls);
    }

    /**
     * One input of a job: the name it was uploaded under and its bytes.
     *
     * @param crashed an earlier attempt of the job died inside a native decoder of this source: it is failed as
     *        {@code codec_crash}, not decoded again
     * @param url the URL the source was fetched from, null for an uploaded file
     * @param failure why the source failed before it reached the pipeline (its URL could not be fetched), recorded as
     *        it is; null when it has bytes to process
     */
    public record NamedSource(String name, byte[] bytes, boolean crashed, String url, Manifest.Error failure) {

        public NamedSource(String name, byte[] bytes) {
            this(name, bytes, false);
        }

        public NamedSource(String name, byte[] bytes, boolean crashed) {
            this(name, bytes, crashed, null, null);
        }
    }

    /** What became of each source, in upload order, and the bytes of the archive's {@code manifest.json}. */
    public record Result(List<Manifest.Source> sources, byte[] manifestJson) {
        public long failed() {
            return sources.stream().filter(s -> !"succeeded".equals(s.status())).count();
        }
    }

    public Result render(Path zip, String configName, byte[] configJson, List<OperationSpec> operations,
            List<NamedSource> sources) throws IOException {
        return render(zip, configName, configJson, operations, sources, Deadline.none());
    }

    /** As below, recording no native calls. */
    public Result render(Path zip, String configName, byte[] configJson, List<OperationSpec> operations,
            List<NamedSource> sources, Deadline deadline) throws IOException {
        return render(zip, configName, configJson, operations, sources, deadline, index -> NativeCallRecorder.NONE);
    }

    /**
     * As above; the source being processed when {@code deadline} passes, and those not started by then, fail with
     * {@code time_limit_exceeded}: the worker stops instead of running on past its budget.
     */
    /** @param nativeCalls the recorder of the source at each index (0-based, upload order) */
    public Result render(Path zip, String configName, byte[] configJson, List<OperationSpec> operations,
            List<NamedSource> sources, Deadline deadline, IntFunction<NativeCallRecorder> nativeCalls) throws IOException {
        return render(zip, configName, configJson, operations, sources, deadline, nativeCalls, RenderProgress.NONE);
    }

    /** As above; {@code progress} hears of each source as it is done. */
    public Result render(Path zip, String configName, byte[] configJson, List<OperationSpec> operations,
            List<NamedSource> sources, Deadline deadline, IntFunction<NativeCallRecorder> nativeCalls,
            RenderProgress progress) throws IOException {
        List<Manifest.Source> results = new ArrayList<>();
        int outputsDone = 0;
        ResultZipWriter writer = new ResultZipWriter(zip, configName, configJson);
        try (writer) {
            for (int index = 0; index < sources.size(); index++) {
                if (index > 0) {
                    List<Manifest.Entry> written = results.get(index - 1).outputs();
                    outputsDone += written == null ? 0 : written.size();
                    progress.sourceDone(index, outputsDone);
                }
                NamedSource source = sources.get(index);
                if (source.failure() != null) {
                    results.add(writer.addFailedSource(source.name(), source.url(), source.failure()));
                    continue;
                }
                if (source.crashed()) {
                    results.add(failed(writer, source, FailureReason.CODEC_CRASH.code(),
                            "the server's image decoder crashed on this file; it was not decoded again"));
                    continue;
                }
                if (deadline.passed()) {
                    results.add(failed(writer, source, TIME_LIMIT, "the job reached its time limit before this source was processed"));
                    continue;
                }
                List<Output> outputs;
                try {
                    outputs = step.process(source.bytes(), operations, deadline, nativeCalls.apply(index));
                } catch (PipelineException e) {
                    results.add(failed(writer, source, e.code(), e.getMessage()));
                    continue;
                } catch (OutOfMemoryError e) {
                    // The failed allocation was this source's, and all it held is garbage once the stack unwinds,
                    // so the siblings can go on. Letting it escape would retry the whole job, which fails the same
                    // way on every attempt and takes the valid sources down with it.
                    results.add(failed(writer, source, FailureReason.OUT_OF_MEMORY.code(),
                            "the server ran out of memory processing this image"));
                    continue;
                }
                results.add(writer.addSource(source.name(), source.url(), outputs));
            }
        }
        return new Result(results, writer.manifestJson());
    }

    private static Manifest.Source failed(ResultZipWriter writer, NamedSource source, String reason, String message) {
        return writer.addFailedSource(source.name(), source.url(), new Manifest.Error(reason, message));
    }
}
