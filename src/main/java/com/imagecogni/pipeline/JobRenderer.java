package com.imagecogni.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.zip.Manifest;
import com.imagecogni.pipeline.zip.ResultZipWriter;

/**
 * Renders a whole job into its result ZIP: every source through the operations, one after the
 * other, each failure recorded for that source alone while the others go on.
 */
public final class JobRenderer {

    /** Failure reason of sources a job had no time left for. */
    public static final String TIME_LIMIT = FailureReason.TIME_LIMIT_EXCEEDED.code();

    private final SourceProcessor processor;

    public JobRenderer(DecodeLimits limits) {
        this(limits, CreditCalculator.DEFAULT_MAX_OUTPUTS);
    }

    /** @param maxOutputs images one source may become ({@code imagecogni.limits.max-outputs-per-source}) */
    public JobRenderer(DecodeLimits limits, int maxOutputs) {
        this.processor = new SourceProcessor(limits, maxOutputs);
    }

    /** One input of a job: the name it was uploaded under and its bytes. */
    public record NamedSource(String name, byte[] bytes) {
    }

    /** What became of each source, in upload order. */
    public record Result(List<Manifest.Source> sources) {
        public long failed() {
            return sources.stream().filter(s -> !"succeeded".equals(s.status())).count();
        }
    }

    public Result render(Path zip, String configName, byte[] configJson, List<OperationSpec> operations,
            List<NamedSource> sources) throws IOException {
        return render(zip, configName, configJson, operations, sources, Deadline.none());
    }

    /**
     * As above; the source being processed when {@code deadline} passes, and those not started by then, fail with
     * {@code time_limit_exceeded}: the worker stops instead of running on past its budget.
     */
    public Result render(Path zip, String configName, byte[] configJson, List<OperationSpec> operations,
            List<NamedSource> sources, Deadline deadline) throws IOException {
        List<Manifest.Source> results = new ArrayList<>();
        try (ResultZipWriter writer = new ResultZipWriter(zip, configName, configJson)) {
            for (NamedSource source : sources) {
                if (deadline.passed()) {
                    results.add(writer.addFailedSource(source.name(), TIME_LIMIT,
                            "the job reached its time limit before this source was processed"));
                    continue;
                }
                try {
                    results.add(writer.addSource(source.name(), processor.process(source.bytes(), operations, deadline)));
                } catch (PipelineException e) {
                    results.add(writer.addFailedSource(source.name(), e));
                }
            }
        }
        return new Result(results);
    }
}
