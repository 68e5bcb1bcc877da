package com.imagecogni.delivery;

import java.time.Instant;
import java.util.List;

/**
 * What one postback attempt sends, made when the attempt starts (off the event loop): a JSON event states the
 * attempt's time and a link that expires from it, so the body is not fixed when the postback is loaded.
 */
@FunctionalInterface
interface PostbackContent {

    /** The exact bytes to sign and send, in chunks that are not copied, and their content type. */
    record Body(String contentType, List<byte[]> chunks) {

        /** The body's length in bytes (its Content-Length). */
        long length() {
            long length = 0;
            for (byte[] chunk : chunks) {
                length += chunk.length;
            }
            return length;
        }
    }

    Body render(Instant at);

    /** The guide's form: the ZIP as {@code outputZipFile}, with {@code jobId} and {@code configId}. */
    static PostbackContent multipart(String jobId, String configId, byte[] zip) {
        return at -> {
            MultipartBody body = new MultipartBody().file("outputZipFile", jobId + ".zip", "application/zip", zip)
                    .field("jobId", jobId).field("configId", configId);
            return new Body(body.contentType(), body.chunks());
        };
    }
}
