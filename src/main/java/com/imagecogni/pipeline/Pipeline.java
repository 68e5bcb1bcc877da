package com.imagecogni.pipeline;

import com.imagecogni.pipeline.decode.DecodedImage;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.metadata.OutputMetadata;
import com.imagecogni.pipeline.encode.AnimatedEncoders;
import com.imagecogni.pipeline.op.AnimationSteps;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.encode.Encoders;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.op.Operation;
import com.imagecogni.pipeline.op.Operations;
import com.imagecogni.pipeline.op.Rendition;
import com.imagecogni.pipeline.zip.EntryNames;

import com.sksamuel.scrimage.ImmutableImage;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.FutureTask;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Runs the operations in the configuration's order; each step applies to every output of the step before.
 * Depth-first: a finished rendition is handed to its encoder (on one of the runtime's helper threads when one is
 * free, see {@link com.imagecogni.pipeline.image.Parallel#fork}) while the next sibling is produced, and at most one
 * encode is outstanding at a time. Each step's duration goes to the runtime's {@link StepTimings}.
 */
public final class Pipeline {

    private final long maxOutputPixels;
    private final int maxOutputs;
    private final PipelineRuntime runtime;

    /** @param maxOutputPixels refuse any intermediate or final image larger than this (guards upscale and percent). */
    public Pipeline(long maxOutputPixels, PipelineRuntime runtime) {
        this(maxOutputPixels, CreditCalculator.DEFAULT_MAX_OUTPUTS, runtime);
    }

    /**
     * @param maxOutputs refuse to make more images than this from one source, whatever the configuration says
     * @param runtime the helper threads, resampler and timings listener every run of this pipeline uses
     */
    public Pipeline(long maxOutputPixels, int maxOutputs, PipelineRuntime runtime) {
        this.maxOutputPixels = maxOutputPixels;
        this.maxOutputs = maxOutputs;
        this.runtime = runtime;
    }

    public List<Output> run(DecodedImage decoded, List<OperationSpec> specs) {
        return run(decoded, specs, Deadline.none());
    }

    public List<Output> run(DecodedImage decoded, List<OperationSpec> specs, Deadline deadline) {
        // the decoder's raster becomes the Scrimage image every step works on; wrapped, not copied
        Rendition start = new Rendition(ImmutableImage.wrapAwt(decoded.image()), List.of(), decoded.sourceFormat().defaultOutput(),
                EncodeOptions.DEFAULT, decoded.profile(), decoded.planningSize(), decoded.animation());
        return run(start, specs, decoded.metadata(), deadline);
    }

    /**
     * @param sourceFormat outputs keep it unless a convert step says otherwise; BMP and TIFF fall back to PNG
     */
    public List<Output> run(BufferedImage image, List<OperationSpec> specs, ImageFormat sourceFormat) {
        return run(image, specs, sourceFormat, Deadline.none());
    }

    /** As above, stopping with {@code time_limit_exceeded} at the first step or rendition after {@code deadline}. */
    public List<Output> run(BufferedImage image, List<OperationSpec> specs, ImageFormat sourceFormat, Deadline deadline) {
        return run(new Rendition(image, List.of(), sourceFormat.defaultOutput(), EncodeOptions.DEFAULT), specs,
                SourceMetadata.NONE, deadline);
    }

    private List<Output> run(Rendition start, List<OperationSpec> specs, SourceMetadata metadata, Deadline deadline) {
        // a configuration saved before the cap existed is refused here before any pixel work
        CreditCalculator.outputsPerSource(specs, maxOutputs);
        List<Operation> ops = new ArrayList<>(specs.size());
        for (OperationSpec spec : specs) {
            ops.add(Operations.create(spec, maxOutputPixels, runtime));
        }
        List<Output> outputs = new ArrayList<>();
        Deque<FutureTask<Output>> pending = new ArrayDeque<>();
        try {
            descend(start, ops, 0, new Run(outputs, pending, new HashSet<>(), deadline, metadata));
            while (!pending.isEmpty()) {
                outputs.add(runtime.parallel().join(pending.removeFirst()));
            }
        } finally {
            for (FutureTask<Output> abandoned : pending) {
                abandoned.cancel(false);
            }
        }
        return outputs;
    }

    /**
     * What one run accumulates while it descends: outputs, encodes in flight, folder names taken, its deadline, and
     * the source's metadata for outputs that keep it.
     */
    private record Run(List<Output> outputs, Deque<FutureTask<Output>> pending, Set<String> taken, Deadline deadline,
            SourceMetadata metadata) {
    }

    private void descend(Rendition rendition, List<Operation> ops, int index, Run run) {
        run.deadline().check();
        if (index == ops.size()) {
            // counted where the outputs are made: the cap holds even for operations whose fan-out was misjudged
            if (run.outputs().size() + run.pending().size() >= maxOutputs) {
                throw new TooManyOutputsException(maxOutputs);
            }
            // Encoding overlaps the next rendition's pixel work on a helper thread; at most MAX_PENDING finished
            // renditions wait for their encoder, so memory stays close to the sequential depth-first bound.
            run.pending().addLast(encode(rendition, run.taken(), run.metadata()));
            while (run.pending().size() > MAX_PENDING) {
                run.outputs().add(runtime.parallel().join(run.pending().removeFirst()));
            }
            return;
        }
        String step = stepName(ops.get(index));
        long started = System.nanoTime();
        // resize computes each size as it is read, so the timing covers reading the next element
        Iterator<Rendition> produced = rendition.animation() == null ? ops.get(index).apply(rendition).iterator()
                : AnimationSteps.apply(ops.get(index), rendition, maxOutputPixels).iterator();
        while (produced.hasNext()) {
            Rendition next = produced.next();
            runtime.timings().record(step, System.nanoTime() - started);
            descend(next, ops, index + 1, run);
            started = System.nanoTime();
        }
    }

    /** {@code resize} for ResizeOperation and so on: the configuration's name of the step. */
    private static String stepName(Operation op) {
        String simple = op.getClass().getSimpleName();
        return simple.endsWith("Operation") ? simple.substring(0, simple.length() - "Operation".length()).toLowerCase(java.util.Locale.ROOT)
                : simple;
    }

    /** Renditions whose encoding may still be in flight while the next one is computed. */
    private static final int MAX_PENDING = 1;

    /** Two converts in a row can repeat a folder+format pair; the later one gets a suffixed folder instead of a clash. */
    private FutureTask<Output> encode(Rendition rendition, Set<String> taken, SourceMetadata source) {
        // GIF carries no ICC profile: pixels kept in the source's profile are converted for it
        Rendition r = rendition.format().carriesIccProfile() ? rendition : AnimationSteps.inSrgb(rendition);
        String variant = r.variant();
        String ext = r.format().extension();
        int n = 2;
        while (!taken.add(EntryNames.foldCase(variant + "/" + ext))) {
            variant = r.variant() + "-" + n++;
        }
        String name = variant;
        BufferedImage img = r.awt();
        String step = "encode:" + r.format().extension();
        SourceMetadata metadata = OutputMetadata.of(source, r.profile(), r.encoding());
        return runtime.parallel().fork(() -> {
            long started = System.nanoTime();
            byte[] bytes = r.animation() != null && AnimatedEncoders.canAnimate(r.format())
                    ? AnimatedEncoders.encode(r.format(), r.animation(), r.encoding(), metadata)
                    : Encoders.forFormat(r.format()).encode(img, r.encoding(), metadata);
            runtime.timings().record(step, System.nanoTime() - started);
            return new Output(name, r.format(), bytes, img.getWidth(), img.getHeight());
        });
    }
}
