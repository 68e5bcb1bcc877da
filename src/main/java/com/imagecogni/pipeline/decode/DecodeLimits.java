package com.imagecogni.pipeline.decode;

/**
 * Limits checked against the header before any pixel is decoded: total pixels over all frames, frame count, and the
 * number of JPEG scans (each progressive scan makes the decoder pass over the whole image again).
 */
public record DecodeLimits(long maxPixels, int maxFrames, int maxScans) {

    /** SPEC section 10 default: 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final int DEFAULT_MAX_FRAMES = 500;
    /**
     * Encoders write about 10 scans for a progressive JPEG; thousands of scans are a decompression bomb, which is why
     * libjpeg-turbo advises capping scans for untrusted input (its djpeg has -maxscans).
     */
    public static final int DEFAULT_MAX_SCANS = 100;

    public DecodeLimits {
        if (maxPixels < 1 || maxFrames < 1 || maxScans < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Pixel and frame limits with the default scan limit. */
    public DecodeLimits(long maxPixels, int maxFrames) {
        this(maxPixels, maxFrames, DEFAULT_MAX_SCANS);
    }

    public static DecodeLimits of(long maxPixels) {
        return new DecodeLimits(maxPixels, DEFAULT_MAX_FRAMES, DEFAULT_MAX_SCANS);
    }

    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_FRAMES, DEFAULT_MAX_SCANS);
    }
}
