package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.CropSpec;
import com.imagecogni.pipeline.model.FilterSpec;
import com.imagecogni.pipeline.model.FlipSpec;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.RotateSpec;
import com.imagecogni.pipeline.model.TrimSpec;
import com.imagecogni.pipeline.model.WatermarkSpec;

/**
 * Maps each operation spec to its one implementing class (the imgproxy-style one-file-per-step list). The operations
 * that do parallel pixel work (resize, filter, watermark) get the run's {@link PipelineRuntime}; the others need none.
 */
public final class Operations {

    private Operations() {
    }

    public static Operation create(OperationSpec spec, long maxOutputPixels, PipelineRuntime runtime) {
        if (spec instanceof ResizeSpec s) {
            return new ResizeOperation(s, maxOutputPixels, runtime);
        } else if (spec instanceof CropSpec s) {
            return new CropOperation(s);
        } else if (spec instanceof TrimSpec s) {
            return new TrimOperation(s);
        } else if (spec instanceof RotateSpec s) {
            return new RotateOperation(s);
        } else if (spec instanceof FlipSpec s) {
            return new FlipOperation(s);
        } else if (spec instanceof ConvertSpec s) {
            return new ConvertOperation(s);
        } else if (spec instanceof CompressSpec s) {
            return new CompressOperation(s);
        } else if (spec instanceof WatermarkSpec s) {
            return new WatermarkOperation(s, runtime);
        } else if (spec instanceof FilterSpec s) {
            return new FilterOperation(s, runtime);
        }
        throw new IllegalArgumentException("no operation for " + spec);
    }
}
