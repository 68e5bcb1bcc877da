package com.imagecogni.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.imagecogni.common.Hashing;

/**
 * Builds a {@code multipart/form-data} body as a list of byte chunks whose file contents are the
 * caller's own arrays, not copies: a result of tens of MB is posted without a second copy of it.
 * Written here rather than by the HTTP client because the signature covers the exact body bytes.
 */
final class MultipartBody {

    private final String boundary = "imagecogni-" + Hashing.randomBase62(24);
    private final List<byte[]> chunks = new ArrayList<>();

    MultipartBody field(String name, String value) {
        head("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        chunks.add(value.getBytes(StandardCharsets.UTF_8));
        chunks.add(ascii("\r\n"));
        return this;
    }

    MultipartBody file(String name, String fileName, String contentType, byte[] content) {
        head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\nContent-Type: "
                + contentType + "\r\n\r\n");
        chunks.add(content);
        chunks.add(ascii("\r\n"));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The whole body, in order, closing boundary included. */
    List<byte[]> chunks() {
        List<byte[]> all = new ArrayList<>(chunks);
        all.add(ascii("--" + boundary + "--\r\n"));
        return List.copyOf(all);
    }

    private void head(String headers) {
        chunks.add(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
