package com.imagecogni.job;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** An upload read from the request: the configuration asked for and the sources, files first, then those named by URL. */
record Upload(UUID accountId, String configId, List<Source> sources, String idempotencyKey) {

    private static final int MAX_NAME = 1024;

    /**
     * The name as given, made storable: PostgreSQL text cannot hold NUL, and names are kept to
     * 1024 characters. Making it safe as a ZIP entry is the ZIP writer's job.
     */
    static String storableName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "source";
        }
        String name = fileName.replace('\u0000', '\uFFFD');
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    /**
     * One source. An uploaded file: the name the client gave it, its spooled file and size, its bytes when the source
     * is small enough to be read whole at intake ({@code null}: the store reads it from the file), and the pixels its header says
     * the decoder will hold (what admission weighs the job by). A source named by {@code url}: the name of its URL's
     * last path segment, and nothing else yet (the worker fetches it).
     */
    record Source(String name, Path file, long size, byte[] bytes, long pixels, String url) {

        Source(String name, Path file, long size, byte[] bytes, long pixels) {
            this(name, file, size, bytes, pixels, null);
        }

        /** A source the worker fetches from {@code url}. */
        static Source byUrl(String name, String url) {
            return new Source(name, null, 0, null, 0, url);
        }

        boolean byUrl() {
            return url != null;
        }

        /** An uploaded file stored from its spooled file a chunk at a time. */
        boolean streamed() {
            return bytes == null && url == null;
        }
    }
}
