package com.imagecogni.pipeline;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodedImage;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.model.OperationSpec;

import java.util.List;

/**
 * One source's bytes end to end: decode guard, operations, encoders. Every failure leaves as a
 * {@link PipelineException} (input refused, or processing failed) carrying a stable reason code.
 */
public final class SourceProcessor {

    private final SourceDecoder decoder;
    private final Pipeline pipeline;

    public SourceProcessor(DecodeLimits limits, PipelineRuntime runtime) {
        this(limits, CreditCalculator.DEFAULT_MAX_OUTPUTS, runtime);
    }

    /**
     * @param maxOutputs images one source may become ({@code imagecogni.limits.max-outputs-per-source})
     * @param runtime decode and pipeline run on its helper threads and report to its timings listener
     */
    public SourceProcessor(DecodeLimits limits, int maxOutputs, PipelineRuntime runtime) {
        this.decoder = new SourceDecoder(limits, runtime.parallel());
        // Outputs may be as large as the largest accepted source, no larger: upscaling cannot exhaust the heap.
        this.pipeline = new Pipeline(limits.maxPixels(), maxOutputs, runtime);
    }

    public List<Output> process(byte[] sourceBytes, List<OperationSpec> operations) {
        return process(sourceBytes, operations, Deadline.none());
    }

    /** As above, giving up with {@code time_limit_exceeded} once {@code deadline} has passed. */
    public List<Output> process(byte[] sourceBytes, List<OperationSpec> operations, Deadline deadline) {
        return process(sourceBytes, operations, deadline, NativeCallRecorder.NONE);
    }

    /** As above, telling {@code nativeCalls} before and after each native decode. */
    public List<Output> process(byte[] sourceBytes, List<OperationSpec> operations, Deadline deadline,
            NativeCallRecorder nativeCalls) {
        DecodedImage decoded = decoder.decode(sourceBytes, operations, nativeCalls);
        try {
            return pipeline.run(decoded, operations, deadline);
        } catch (PipelineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProcessingFailedException(FailureReason.PROCESSING_FAILED,
                    "the image could not be processed", e);
        }
    }
}
