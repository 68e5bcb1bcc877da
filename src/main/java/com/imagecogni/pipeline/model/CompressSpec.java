package com.imagecogni.pipeline.model;

/** Encoder settings for lossy formats: quality 1..100, progressive JPEG, and whether metadata is stripped. */
public record CompressSpec(int quality, boolean progressive, boolean stripMetadata) implements OperationSpec {

    public CompressSpec {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100, got " + quality);
        }
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
