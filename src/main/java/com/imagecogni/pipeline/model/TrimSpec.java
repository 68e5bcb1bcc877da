package com.imagecogni.pipeline.model;

/**
 * Remove a uniform border: rows and columns at the edges whose every pixel is within {@code threshold} (per channel,
 * alpha included) of the top-left pixel's colour. An image that is uniform all over is left as it is.
 */
public record TrimSpec(int threshold) implements OperationSpec {

    public static final int DEFAULT_THRESHOLD = 10;

    public TrimSpec {
        if (threshold < 0 || threshold > 255) {
            throw new IllegalArgumentException("trim threshold must be 0..255, got " + threshold);
        }
    }

    @Override
    public String type() {
        return "trim";
    }
}
