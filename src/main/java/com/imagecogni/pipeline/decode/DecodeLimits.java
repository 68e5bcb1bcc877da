package com.imagecogni.pipeline.decode;

/** Limits checked against the header before any pixel is decoded: total pixels over all frames, and frame count. */
public record DecodeLimits(long maxPixels, int maxFrames) {

    /** SPEC section 10 default: 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final int DEFAULT_MAX_FRAMES = 500;

    public DecodeLimits {
        if (maxPixels < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static DecodeLimits of(long maxPixels) {
        return new DecodeLimits(maxPixels, DEFAULT_MAX_FRAMES);
    }

    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_FRAMES);
    }
}
