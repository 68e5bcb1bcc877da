package com.imagecogni.job;

import java.util.List;
import java.util.UUID;

/** An upload read from the multipart request: the configuration asked for and the source files. */
record Upload(UUID accountId, String configId, List<Source> sources, String idempotencyKey) {

    /** One uploaded file: the name the client gave it and its bytes. */
    record Source(String name, byte[] bytes) {
    }
}
