package com.imagecogni.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.Blocking;
import com.imagecogni.storage.BlobStore;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One entry of a stored result ZIP ({@code GET /jobs/{id}/result/{entry}}, for previews): the ZIP is read front to
 * back from the blob store on a worker thread until the entry turns up. The images are stored uncompressed, so the
 * entries before it cost a copy, not an inflate, and only the entry itself is held in memory.
 */
@ApplicationScoped
public class ResultEntries {

    private static final Map<String, String> TYPES = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg", "png", "image/png",
            "webp", "image/webp", "gif", "image/gif", "avif", "image/avif", "jxl", "image/jxl", "json", "application/json");

    @Inject
    JobStatusService status;

    @Inject
    Blocking blocking;

    /** An entry's bytes and the content type its extension names. */
    public record Entry(String name, String contentType, byte[] bytes) {
    }

    public Uni<Entry> find(UUID accountId, UUID jobId, String name) {
        return status.result(accountId, jobId).chain(blob -> blocking.run(() -> {
            // read on this worker thread as the ZIP reader asks for bytes, two chunks ahead at most; closing the
            // stream when the entry is found cancels the rest of the read
            try (Stream<Buffer> chunks = blob.content().subscribe().asStream(2, () -> new ArrayBlockingQueue<>(2));
                    ZipInputStream zip = new ZipInputStream(new BufferStream(chunks.iterator()))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    if (entry.getName().equals(name)) {
                        return new Entry(name, contentType(name), zip.readAllBytes());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw ApiException.notFound("entry_not_found", "The result of job " + jobId + " has no entry '" + name
                    + "'; manifest.json lists its outputs.");
        }));
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** The blob's chunks as one InputStream, pulled as they are read. */
    private static final class BufferStream extends InputStream {

        private final Iterator<Buffer> chunks;
        private Buffer current;
        private int position;

        BufferStream(Iterator<Buffer> chunks) {
            this.chunks = chunks;
        }

        private boolean ready() {
            while (current == null || position >= current.length()) {
                if (!chunks.hasNext()) {
                    return false;
                }
                current = chunks.next();
                position = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return ready() ? current.getByte(position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!ready()) {
                return -1;
            }
            int n = Math.min(length, current.length() - position);
            current.getBytes(position, position + n, target, offset);
            position += n;
            return n;
        }
    }
}
