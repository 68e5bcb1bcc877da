package com.imagecogni.pipeline.encode;

/** Encoder settings carried from a compress step to the encoder; without a compress step the defaults apply. */
public record EncodeOptions(int quality, boolean progressive, boolean stripMetadata) {

    /** Quality 85 is the usual web default for JPEG and WebP and matches the benchmark workload. */
    public static final EncodeOptions DEFAULT = new EncodeOptions(85, false, true);

    public EncodeOptions {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100, got " + quality);
        }
    }
}
