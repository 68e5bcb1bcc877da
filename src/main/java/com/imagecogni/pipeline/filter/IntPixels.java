package com.imagecogni.pipeline.filter;

import com.imagecogni.pipeline.image.Images;
import com.sksamuel.scrimage.ImmutableImage;

import java.awt.image.BufferedImage;

/** Shared helpers of our own filters, which work on the packed int pixels of TYPE_INT_RGB/ARGB images. */
final class IntPixels {

    /** The types our own filters accept; Scrimage's {@code ImmutableImage.filter} converts to the first otherwise. */
    static final int[] TYPES = {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_RGB};

    private IntPixels() {
    }

    /** The live pixels of {@code image}; a clear error for any other layout than the pipeline's two int types. */
    static int[] of(ImmutableImage image) {
        return Images.pixels(image.awt());
    }

    /** {@code v} rounded to the nearest integer and clamped to a channel's 0..255. */
    static int channel(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5);
    }
}
