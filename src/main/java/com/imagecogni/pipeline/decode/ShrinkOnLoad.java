package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.op.ResizePlan;

import java.util.List;
import java.util.Optional;

/**
 * How small a decoder may make the image (libvips' shrink-on-load): the largest size the first resize scales to,
 * when that resize is the first step that touches pixels. A step before it that works in source pixels (a crop by
 * x, y, a watermark, a filter, a rotation) needs the full image, and so does a configuration without a resize.
 */
public final class ShrinkOnLoad {

    private ShrinkOnLoad() {
    }

    /**
     * @param width the upright source width (after the EXIF orientation)
     * @return the smallest upright size the decoded image may have, or empty when it must be decoded whole
     */
    public static Optional<Size> minimumSize(List<OperationSpec> operations, int width, int height) {
        for (OperationSpec op : operations) {
            if (op instanceof ConvertSpec || op instanceof CompressSpec) {
                continue; // encoder settings: no pixel work
            }
            if (!(op instanceof ResizeSpec resize)) {
                return Optional.empty();
            }
            int minWidth = 0;
            int minHeight = 0;
            for (var size : resize.sizes()) {
                ResizePlan plan = ResizePlan.of(width, height, size, resize.fit(), resize.upscale());
                minWidth = Math.max(minWidth, plan.scaledWidth());
                minHeight = Math.max(minHeight, plan.scaledHeight());
            }
            return minWidth >= width && minHeight >= height ? Optional.empty() : Optional.of(new Size(minWidth, minHeight));
        }
        return Optional.empty();
    }

    /** A width and height in pixels. */
    public record Size(int width, int height) {

        /** The same size in the stored orientation: EXIF orientations 5..8 swap the axes. */
        public Size stored(int orientation) {
            return orientation >= 5 ? new Size(height, width) : this;
        }
    }
}
