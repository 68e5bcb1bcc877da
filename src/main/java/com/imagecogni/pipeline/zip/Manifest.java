package com.imagecogni.pipeline.zip;

import java.util.List;

/** The content of {@code manifest.json}: the configuration entry and, per source, its status, error and outputs. */
public record Manifest(String configuration, int succeeded, int failed, List<Source> sources) {

    /**
     * One source; {@code error} is null when it succeeded, {@code url} when it was uploaded rather than named by URL
     * ({@code originalName} is then the URL's last path segment).
     */
    public record Source(String originalName, String url, String stem, String status, Error error, List<Entry> outputs) {
    }

    /**
     * Why a source failed: a stable machine reason and a human message; for a source URL that could not be fetched,
     * the HTTP status its origin answered with when that is why ({@code null} otherwise).
     */
    public record Error(String reason, String message, Integer upstreamStatus) {

        public Error(String reason, String message) {
            this(reason, message, null);
        }
    }

    /** One output file in the archive. */
    public record Entry(String path, String variant, String format, int width, int height, long bytes, String sha256) {
    }
}
