package com.imagecogni.pipeline.zip;

import java.util.List;

/** The content of {@code manifest.json}: the configuration entry and, per source, its status, error and outputs. */
public record Manifest(String configuration, int succeeded, int failed, List<Source> sources) {

    /** One uploaded source; {@code error} is null when it succeeded. */
    public record Source(String originalName, String stem, String status, Error error, List<Entry> outputs) {
    }

    /** Why a source failed: a stable machine reason and a human message. */
    public record Error(String reason, String message) {
    }

    /** One output file in the archive. */
    public record Entry(String path, String variant, String format, int width, int height, long bytes, String sha256) {
    }
}
