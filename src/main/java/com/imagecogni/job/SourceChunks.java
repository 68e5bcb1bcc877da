package com.imagecogni.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

import com.imagecogni.common.Blocking;

import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Streams a spooled upload into {@code upload_chunk} one chunk at a time, so storing a 40 MB source
 * holds about one chunk in memory instead of the whole file (twice: on the heap and in the
 * database client's direct buffer).
 */
@ApplicationScoped
public class SourceChunks {

    /** Bytes per chunk: large enough that a 40 MB source is 40 round trips, small enough to be cheap to hold. */
    public static final int CHUNK_BYTES = 1024 * 1024;

    private static final String INSERT = "insert into upload_chunk (upload_id, seq, data) values ($1, $2, $3)";

    @Inject
    Pool pool;

    @Inject
    Blocking blocking;

    /** Stores the file's bytes under a new upload id and returns it. */
    public Uni<UUID> store(Path file, long size) {
        UUID uploadId = UUID.randomUUID();
        return storeFrom(uploadId, file, size, 0).replaceWith(uploadId);
    }

    /** Removes the chunks of uploads that did not become a job (best effort: housekeeping catches the rest). */
    public Uni<Void> discard(List<UUID> uploadIds) {
        if (uploadIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("delete from upload_chunk where upload_id = any($1)")
                .execute(Tuple.of(uploadIds.toArray(UUID[]::new))).replaceWithVoid()
                .onFailure().recoverWithItem((Void) null);
    }

    private Uni<Void> storeFrom(UUID uploadId, Path file, long size, int seq) {
        long offset = (long) seq * CHUNK_BYTES;
        if (offset >= size && seq > 0) {
            return Uni.createFrom().voidItem();
        }
        int length = (int) Math.min(CHUNK_BYTES, size - offset);
        return blocking.run(() -> read(file, offset, length))
                // wrap, do not copy: the chunk is held once on the heap while the client encodes it
                .chain(bytes -> pool.preparedQuery(INSERT)
                        .execute(Tuple.of(uploadId, seq, Buffer.buffer(Unpooled.wrappedBuffer(bytes)))))
                .chain(() -> storeFrom(uploadId, file, size, seq + 1));
    }

    private static byte[] read(Path file, long offset, int length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("the spooled upload " + file + " ended early");
                }
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
