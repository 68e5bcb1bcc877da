package com.imagecogni.pipeline.encode;

/**
 * Encoder settings carried from a compress step to the encoder; without a compress step the defaults apply.
 *
 * @param quality 1..100 for the lossy formats
 * @param progressive progressive JPEG
 * @param stripMetadata false keeps EXIF (orientation reset, GPS only with {@code keepGps}), XMP and ICC
 * @param lossless lossless WebP/AVIF/JPEG XL instead of {@code quality}
 * @param effort 0..9 (slower, smaller as it grows), or {@link #DEFAULT_EFFORT} for each format's own default
 * @param keepGps with {@code stripMetadata=false}: keep the EXIF GPS block
 */
public record EncodeOptions(int quality, boolean progressive, boolean stripMetadata, boolean lossless, int effort,
        boolean keepGps) {

    public static final int DEFAULT_EFFORT = -1;
    public static final int MAX_EFFORT = 9;

    /** Quality 85 is the usual web default for JPEG and WebP and matches the benchmark workload. */
    public static final EncodeOptions DEFAULT = new EncodeOptions(85, false, true);

    public EncodeOptions {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100, got " + quality);
        }
        if (effort != DEFAULT_EFFORT && (effort < 0 || effort > MAX_EFFORT)) {
            throw new IllegalArgumentException("effort must be 0.." + MAX_EFFORT + ", got " + effort);
        }
    }

    /** Lossy, each format's default effort, no GPS. */
    public EncodeOptions(int quality, boolean progressive, boolean stripMetadata) {
        this(quality, progressive, stripMetadata, false, DEFAULT_EFFORT, false);
    }

    /** {@code effort} mapped onto an encoder's own scale {@code [min, max]}, or {@code formatDefault} when unset. */
    public int effortOn(int min, int max, int formatDefault) {
        if (effort == DEFAULT_EFFORT) {
            return formatDefault;
        }
        return min + Math.round((max - min) * effort / (float) MAX_EFFORT);
    }
}
