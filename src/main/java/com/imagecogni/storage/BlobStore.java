package com.imagecogni.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Where image bytes live: opaque blobs under text keys, written whole and read as a stream. Every method returns at
 * once and does its I/O without blocking the calling thread (the event loop included); file reads run on the worker
 * pool.
 *
 * <p>Keys are at most {@value BlobKeys#MAX_LENGTH} characters of {@code A-Z a-z 0-9 / . _ -} (safe as S3 object keys
 * too), not ending in {@code /} (a folder's name to object stores). The store knows nothing of what the keys mean; the service's layout ({@code jobs/{jobId}/...}) is written down
 * in {@code com.imagecogni.job.JobBlobs}.
 *
 * <p>A put is atomic: until it completes, readers see the blob as it was (or no blob), never part of the new bytes;
 * a put under an existing key replaces it. A put that fails or is interrupted leaves nothing readable behind; what it
 * had written is removed by {@link #purgeIncomplete}.
 */
public interface BlobStore {

    /**
     * Stores the file's bytes under {@code key}, read and written one chunk at a time: the heap holds about
     * {@link #chunkBytes()} of it whatever the file's size.
     */
    Uni<Void> put(String key, Path file);

    /** Stores bytes already in memory (small sources); they are not copied. */
    Uni<Void> put(String key, byte[] bytes);

    /**
     * The blob under {@code key}: its size, known before any byte is read, and its bytes as a stream of chunks read
     * on demand. Fails with {@link BlobNotFoundException} when there is none.
     */
    Uni<Blob> open(String key);

    /** The blob's bytes as a stream of chunks; the stream fails with {@link BlobNotFoundException} when there is none. */
    default Multi<Buffer> get(String key) {
        return open(key).onItem().transformToMulti(Blob::content);
    }

    /**
     * The whole blob in one array (for code that needs bytes, such as the image decoders): the array is allocated
     * once at the blob's size and filled chunk by chunk. Fails with {@link BlobNotFoundException} when there is none.
     */
    default Uni<byte[]> readAll(String key) {
        return open(key).chain(blob -> {
            if (blob.size() > Integer.MAX_VALUE - 8) {
                return Uni.createFrom().failure(new IllegalStateException("blob " + key + " is too large to read whole: "
                        + blob.size() + " bytes"));
            }
            byte[] all = new byte[(int) blob.size()];
            int[] filled = { 0 };
            return blob.content().onItem().invoke(chunk -> {
                int length = chunk.length();
                if (filled[0] + length > all.length) {
                    throw new IllegalStateException("blob " + key + " holds more bytes than its size, " + all.length);
                }
                chunk.getBytes(0, length, all, filled[0]);
                filled[0] += length;
            }).collect().last().map(ignored -> {
                if (filled[0] != all.length) {
                    throw new IllegalStateException("blob " + key + " holds " + filled[0] + " bytes, not its size " + all.length);
                }
                return all;
            });
        });
    }

    /** Removes the blobs under these keys; keys with no blob are ignored. */
    Uni<Void> delete(Collection<String> keys);

    /** Removes every blob whose key starts with {@code prefix} (all of one job's, say); returns how many. */
    Uni<Long> deleteByPrefix(String prefix);

    /**
     * Up to {@code limit} keys starting with {@code prefix} whose blob was stored before {@code storedBefore}, in key
     * order after {@code startAfter} (null: from the first): a caller pages through all of them by passing the last
     * key it got. Finding the ones nothing refers to any more is the caller's business.
     */
    Uni<List<String>> listStoredBefore(String prefix, Instant storedBefore, String startAfter, int limit);

    /** Removes what puts that failed or never completed, started before {@code startedBefore}, had written; returns how many puts. */
    Uni<Long> purgeIncomplete(Instant startedBefore);

    /**
     * Makes the space of deleted blobs reusable now, for a store that keeps it until a maintenance pass (PostgreSQL
     * until a vacuum); called after a purge removed blobs. A store whose deletes free space themselves does nothing.
     */
    default Uni<Void> reclaim() {
        return Uni.createFrom().voidItem();
    }

    /** Bytes a streamed put holds in memory at a time (the upload budget counts them). */
    int chunkBytes();

    /** A stored blob: its size and its bytes, read as the stream is consumed. */
    record Blob(String key, long size, Multi<Buffer> content) {
    }
}
