package com.imagecogni.pipeline.bench;

import com.imagecogni.pipeline.NativeCallRecorder;
import com.imagecogni.pipeline.Output;
import com.imagecogni.pipeline.Pipeline;
import com.imagecogni.pipeline.decode.DecodedImage;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.model.OperationSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Workload W's shape on one source, warm: decode once for the first configuration (as production decodes for a
 * configuration: {@code SourceDecoder.decode(bytes, operations, NONE)}, so a JPEG is DCT-scaled to what its largest
 * output needs), then run both configurations on that image. Per-step sums come from {@link StepTotals}.
 */
final class WorkloadRun {

    /** The last iteration's outputs and decoded size, with every iteration's timings. */
    record Result(Samples samples, List<Output> outputs, int decodedWidth, int decodedHeight) {
    }

    private final SourceDecoder decoder;
    private final Pipeline pipeline;
    private final StepTotals steps;

    /** @param steps the timings listener of {@code pipeline}'s runtime */
    WorkloadRun(SourceDecoder decoder, Pipeline pipeline, StepTotals steps) {
        this.decoder = decoder;
        this.pipeline = pipeline;
        this.steps = steps;
    }

    /** Runs {@code warmup} unrecorded iterations, then {@code iters} recorded ones; {@code secondLabel} names row 3. */
    Result run(byte[] source, List<OperationSpec> first, List<OperationSpec> second, String secondLabel, int warmup,
            int iters) {
        Samples samples = new Samples();
        List<Output> outputs = List.of();
        DecodedImage decoded = null;
        for (int it = 0; it < warmup + iters; it++) {
            steps.clear();
            long t0 = System.nanoTime();
            decoded = decoder.decode(source, first, NativeCallRecorder.NONE);
            long t1 = System.nanoTime();
            List<Output> a = pipeline.run(decoded, first);
            long t2 = System.nanoTime();
            List<Output> b = pipeline.run(decoded, second);
            long t3 = System.nanoTime();
            if (it >= warmup) {
                samples.add("decode", t1 - t0);
                samples.add("5 JPEGs (resize+encode)", t2 - t1);
                samples.add(secondLabel, t3 - t2);
                samples.add("total", t3 - t0);
                steps.drainInto(samples);
            }
            outputs = new ArrayList<>(a);
            outputs.addAll(b);
        }
        return new Result(samples, outputs, decoded.width(), decoded.height());
    }
}
