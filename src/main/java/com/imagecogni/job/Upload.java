package com.imagecogni.job;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** An upload read from the multipart request: the configuration asked for and the source files. */
record Upload(UUID accountId, String configId, List<Source> sources, String idempotencyKey) {

    /**
     * One uploaded file: the name the client gave it, its spooled file and size, its bytes when
     * the request is small enough to be stored inline ({@code null} when it is streamed in chunks),
     * and the pixels its header says the decoder will hold (what admission weighs the job by).
     */
    record Source(String name, Path file, long size, byte[] bytes, long pixels) {

        boolean streamed() {
            return bytes == null;
        }
    }
}
