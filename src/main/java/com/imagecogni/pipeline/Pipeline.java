package com.imagecogni.pipeline;

import com.imagecogni.pipeline.decode.DecodedImage;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.encode.Encoders;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.op.Operation;
import com.imagecogni.pipeline.op.Operations;
import com.imagecogni.pipeline.op.Rendition;
import com.imagecogni.pipeline.zip.EntryNames;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the operations in the configuration's order; each step applies to every output of the step before.
 * Depth-first, so a rendition is encoded and its pixels released before its siblings are produced.
 */
public final class Pipeline {

    private final long maxOutputPixels;

    /** @param maxOutputPixels refuse any intermediate or final image larger than this (guards upscale and percent). */
    public Pipeline(long maxOutputPixels) {
        this.maxOutputPixels = maxOutputPixels;
    }

    public List<Output> run(DecodedImage decoded, List<OperationSpec> specs) {
        return run(decoded.image(), specs, decoded.sourceFormat());
    }

    /**
     * @param sourceFormat outputs keep it unless a convert step says otherwise; BMP and TIFF fall back to PNG
     */
    public List<Output> run(BufferedImage image, List<OperationSpec> specs, ImageFormat sourceFormat) {
        List<Operation> ops = new ArrayList<>(specs.size());
        for (OperationSpec spec : specs) {
            ops.add(Operations.create(spec, maxOutputPixels));
        }
        List<Output> outputs = new ArrayList<>();
        Rendition start = new Rendition(image, List.of(), sourceFormat.defaultOutput(), EncodeOptions.DEFAULT);
        descend(start, ops, 0, outputs, new HashSet<>());
        return outputs;
    }

    private void descend(Rendition rendition, List<Operation> ops, int index, List<Output> outputs, Set<String> taken) {
        if (index == ops.size()) {
            outputs.add(encode(rendition, taken));
            return;
        }
        for (Rendition next : ops.get(index).apply(rendition)) {
            descend(next, ops, index + 1, outputs, taken);
        }
    }

    /** Two converts in a row can repeat a folder+format pair; the later one gets a suffixed folder instead of a clash. */
    private static Output encode(Rendition r, Set<String> taken) {
        String variant = r.variant();
        String ext = r.format().extension();
        int n = 2;
        while (!taken.add(EntryNames.foldCase(variant + "/" + ext))) {
            variant = r.variant() + "-" + n++;
        }
        BufferedImage img = r.image();
        byte[] bytes = Encoders.forFormat(r.format()).encode(img, r.encoding());
        return new Output(variant, r.format(), bytes, img.getWidth(), img.getHeight());
    }
}
