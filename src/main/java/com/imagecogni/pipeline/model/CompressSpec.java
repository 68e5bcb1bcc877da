package com.imagecogni.pipeline.model;

/**
 * Encoder settings: quality 1..100, progressive JPEG, lossless WebP/AVIF/JPEG XL, effort 0..9 (or -1 for each format's
 * default), and metadata: stripped (the default) or kept, with the EXIF GPS block only when {@code keepGps}.
 */
public record CompressSpec(int quality, boolean progressive, boolean stripMetadata, boolean lossless, int effort,
        boolean keepGps) implements OperationSpec {

    public static final int DEFAULT_QUALITY = 85;
    public static final int FORMAT_DEFAULT_EFFORT = -1;
    public static final int MAX_EFFORT = 9;

    public CompressSpec {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100, got " + quality);
        }
        if (effort != FORMAT_DEFAULT_EFFORT && (effort < 0 || effort > MAX_EFFORT)) {
            throw new IllegalArgumentException("effort must be 0.." + MAX_EFFORT + ", got " + effort);
        }
    }

    /** Lossy, each format's default effort, no GPS. */
    public CompressSpec(int quality, boolean progressive, boolean stripMetadata) {
        this(quality, progressive, stripMetadata, false, FORMAT_DEFAULT_EFFORT, false);
    }

    /** {@code progressive=false, stripMetadata=true}, the configuration defaults. */
    public static CompressSpec quality(int quality) {
        return new CompressSpec(quality, false, true);
    }

    @Override
    public String type() {
        return "compress";
    }
}
