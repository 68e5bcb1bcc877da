package com.imagecogni.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/**
 * The default store: blobs in PostgreSQL (tables {@code blob}, {@code blob_chunk}, {@code blob_put}; migration V11),
 * so one database is all a deployment runs.
 *
 * <p>A blob's bytes are 1 MiB rows of {@code blob_chunk} under a version id that is new for every put; the
 * {@code blob} row names the key's current version. A put registers its version in {@code blob_put}, writes the
 * chunks one statement each (the heap holds one chunk), then in one transaction, serialized per key, points the key
 * at the new version and drops the old version's chunks: readers see the old bytes or the new, never a mix, and two
 * puts under one key leave one of them whole. A put that dies leaves its chunks under a {@code blob_put} row, which
 * {@link #purgeIncomplete} finds by its start time. A blob of one chunk under a new key (every source of a small
 * upload) takes a short cut: the key and its chunk in one statement, one round trip instead of six.
 *
 * <p>A put's own transactions are not flushed to disk when they commit ({@code synchronous_commit = off}, set inside
 * each statement): every
 * put is followed by a synchronously committed row that refers to it (the job at intake, the fetched source, the job's
 * result), and PostgreSQL flushes its log in order, so that commit makes the put durable with it. A put whose referring
 * row never commits is an orphan the hourly sweep removes. Each flush is a disk sync, and a one-chunk put made three of
 * them before the job's own: 0.3 to 1 ms each on this VM's disk today, 7 to 10 ms on the one #16 measured.
 *
 * <p>Keys are {@code text collate "C"}: compared byte by byte, so a prefix is an index range.
 */
@ApplicationScoped
@Typed(PostgresBlobStore.class)
public class PostgresBlobStore implements BlobStore {

    /** Bytes per chunk: a 40 MB source is 40 statements, and one chunk is cheap to hold. */
    public static final int CHUNK_BYTES = 1024 * 1024;

    /**
     * {@code synchronous_commit = off} for the statement's own transaction (see the class comment), set inside the
     * statement so that it costs no round trip of its own.
     */
    private static final String NO_FLUSH = "(select set_config('synchronous_commit', 'off', true)) as no_flush";

    private static final String BEGIN_PUT = "insert into blob_put (version, started_at) select $1::uuid, now() from " + NO_FLUSH;

    private static final String INSERT_CHUNK = "insert into blob_chunk (version, seq, data) select $1::uuid, $2::int, $3::bytea from " + NO_FLUSH;

    // serializes the puts of one key, so each sees the version the one before it installed
    private static final String LOCK_KEY = "select pg_advisory_xact_lock(hashtextextended($1, 7305)) from " + NO_FLUSH;

    // installs the version unless purgeIncomplete took it for dead meanwhile; the old version's chunks go with it
    private static final String COMMIT_PUT = """
            with done as (
                delete from blob_put where version = $2 returning version
            ), prev as (
                select version from blob where key = $1
            ), installed as (
                insert into blob as b (key, version, size, chunks, created_at)
                select $1, done.version, $3, $4, now() from done
                on conflict (key) do update set version = excluded.version, size = excluded.size, chunks = excluded.chunks,
                                                created_at = excluded.created_at
                returning 1
            ), replaced as (
                delete from blob_chunk where version in (select version from prev) and exists (select 1 from installed)
            )
            select count(*) as installed from installed""";

    /**
     * A blob of one chunk under a key that has none: installed with its chunk in one statement (one round trip, no
     * {@code blob_put} row, since nothing is left behind if it fails). The key's lock is taken inside, so it waits for
     * a multi-statement put of the same key; a key that exists already installs nothing, and the put takes the long
     * way, which replaces it.
     */
    private static final String PUT_NEW = """
            with installed as (
                insert into blob (key, version, size, chunks, created_at)
                select $1, $2::uuid, $3, 1, now()
                  from (select pg_advisory_xact_lock(hashtextextended($1, 7305)),
                               set_config('synchronous_commit', 'off', true)) as locked
                on conflict (key) do nothing
                returning version
            ), chunk as (
                insert into blob_chunk (version, seq, data) select version, 0, $4::bytea from installed
            )
            select count(*) as installed from installed""";

    private static final String ABANDON_PUT = """
            with chunks as (delete from blob_chunk where version = $1)
            delete from blob_put where version = $1""";

    private static final String OPEN = "select version, size, chunks from blob where key = $1";

    private static final String CHUNK = "select data from blob_chunk where version = $1 and seq = $2";

    private static final String DELETE = """
            with b as (delete from blob where key = any($1) returning version)
            delete from blob_chunk where version in (select version from b)""";

    private static final String DELETE_RANGE = """
            with b as (delete from blob where key >= $1 and key < $2 returning version),
                 c as (delete from blob_chunk where version in (select version from b))
            select count(*) as deleted from b""";

    private static final String LIST = """
            select key from blob
             where key >= $1 and key < $2 and key > coalesce($3::text, '') and created_at < $4
             order by key limit $5""";

    private static final String PURGE_INCOMPLETE = """
            with stale as (delete from blob_put where started_at < $1 returning version),
                 c as (delete from blob_chunk where version in (select version from stale))
            select count(*) as purged from stale""";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Override
    public int chunkBytes() {
        return CHUNK_BYTES;
    }

    @Override
    public Uni<Void> put(String key, Path file) {
        BlobKeys.requireKey(key);
        // one trip to the worker pool for a file of one chunk: its size and its bytes
        return vertx.executeBlocking(() -> {
            long size = Files.size(file);
            return new Sized(size, size > 0 && size <= CHUNK_BYTES ? read(file, 0, size) : null);
        }, false).chain(sized -> sized.firstChunk() != null
                ? putSmall(key, sized.size(), sized.firstChunk(), seq -> Uni.createFrom().item(sized.firstChunk()))
                : put(key, sized.size(), seq -> vertx.executeBlocking(() -> read(file, seq, sized.size()), false)));
    }

    /** A file's size, and its bytes when they are one chunk. */
    private record Sized(long size, Buffer firstChunk) {
    }

    @Override
    public Uni<Void> put(String key, byte[] bytes) {
        BlobKeys.requireKey(key);
        // wrap, do not copy: each chunk is a view of the caller's array
        IntFunction<Uni<Buffer>> chunk = seq -> {
            int offset = seq * CHUNK_BYTES;
            return Uni.createFrom().item(Buffer.buffer(Unpooled.wrappedBuffer(bytes, offset,
                    Math.min(CHUNK_BYTES, bytes.length - offset))));
        };
        return bytes.length > 0 && bytes.length <= CHUNK_BYTES
                ? putSmall(key, bytes.length, Buffer.buffer(Unpooled.wrappedBuffer(bytes)), chunk)
                : put(key, bytes.length, chunk);
    }

    /** A blob of one chunk: one statement when the key is new, else the long way (see {@link #PUT_NEW}). */
    private Uni<Void> putSmall(String key, long size, Buffer data, IntFunction<Uni<Buffer>> chunk) {
        return pool.preparedQuery(PUT_NEW).execute(Tuple.of(key, UUID.randomUUID(), size, data))
                .chain(rows -> rows.iterator().next().getLong("installed") == 1 ? Uni.createFrom().voidItem()
                        : put(key, size, chunk));
    }

    /** Writes {@code size} bytes, chunk {@code seq} as {@code chunk} gives it, then installs them under the key. */
    private Uni<Void> put(String key, long size, IntFunction<Uni<Buffer>> chunk) {
        UUID version = UUID.randomUUID();
        int chunks = Math.toIntExact((size + CHUNK_BYTES - 1) / CHUNK_BYTES);
        return pool.preparedQuery(BEGIN_PUT).execute(Tuple.of(version))
                .chain(() -> writeChunks(version, 0, chunks, chunk))
                .chain(() -> pool.withTransaction(connection -> connection.preparedQuery(LOCK_KEY).execute(Tuple.of(key))
                        .chain(() -> connection.preparedQuery(COMMIT_PUT).execute(Tuple.of(key, version, size, chunks)))))
                .map(rows -> {
                    if (rows.iterator().next().getLong("installed") != 1) {
                        throw new IllegalStateException("the put of " + key + " ran so long that it was purged as abandoned");
                    }
                    return (Void) null;
                })
                .onFailure().call(() -> pool.preparedQuery(ABANDON_PUT).execute(Tuple.of(version))
                        // best effort: purgeIncomplete removes what is left
                        .onFailure().recoverWithNull());
    }

    private Uni<Void> writeChunks(UUID version, int seq, int chunks, IntFunction<Uni<Buffer>> chunk) {
        if (seq >= chunks) {
            return Uni.createFrom().voidItem();
        }
        return chunk.apply(seq).chain(data -> pool.preparedQuery(INSERT_CHUNK).execute(Tuple.of(version, seq, data)))
                .chain(() -> writeChunks(version, seq + 1, chunks, chunk));
    }

    /** Chunk {@code seq} of the file, read into a buffer of its own. */
    private static Buffer read(Path file, int seq, long size) {
        long offset = (long) seq * CHUNK_BYTES;
        int length = (int) Math.min(CHUNK_BYTES, size - offset);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException(file + " ended early: it shrank while it was stored");
                }
            }
            // wrap, do not copy: the chunk is held once on the heap while the client encodes it
            return Buffer.buffer(Unpooled.wrappedBuffer(buffer.array()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Uni<Blob> open(String key) {
        BlobKeys.requireKey(key);
        return pool.preparedQuery(OPEN).execute(Tuple.of(key)).map(rows -> {
            if (rows.size() == 0) {
                throw new BlobNotFoundException(key);
            }
            var row = rows.iterator().next();
            UUID version = row.getUUID("version");
            Multi<Buffer> content = Multi.createFrom().range(0, row.getInteger("chunks"))
                    .onItem().transformToUniAndConcatenate(seq -> pool.preparedQuery(CHUNK).execute(Tuple.of(version, seq))
                            .map(chunk -> {
                                if (chunk.size() == 0) {
                                    throw new BlobNotFoundException(key, "the blob under key " + key
                                            + " was replaced or deleted while it was read");
                                }
                                return chunk.iterator().next().getBuffer("data").getDelegate();
                            }));
            return new Blob(key, row.getLong("size"), content);
        });
    }

    @Override
    public Uni<Void> delete(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        keys.forEach(BlobKeys::requireKey);
        return pool.preparedQuery(DELETE).execute(Tuple.of(keys.toArray(String[]::new))).replaceWithVoid();
    }

    @Override
    public Uni<Long> deleteByPrefix(String prefix) {
        return pool.preparedQuery(DELETE_RANGE).execute(Tuple.of(prefix, BlobKeys.upperBound(prefix)))
                .map(rows -> rows.iterator().next().getLong("deleted"));
    }

    @Override
    public Uni<List<String>> listStoredBefore(String prefix, Instant storedBefore, String startAfter, int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.tuple().addValue(prefix).addValue(BlobKeys.upperBound(prefix))
                .addValue(startAfter).addValue(storedBefore.atOffset(ZoneOffset.UTC)).addValue(limit)).map(rows -> {
                    List<String> keys = new ArrayList<>(rows.size());
                    rows.forEach(row -> keys.add(row.getString("key")));
                    return keys;
                });
    }

    /**
     * A plain (not FULL) vacuum of the blob tables: the purged chunks' pages become free for the next puts at once,
     * without waiting for autovacuum's thresholds (or where it is off), so the database stops growing at retention's
     * high-water mark. SKIP_LOCKED: a replica whose neighbour vacuums right now leaves it to that one. Without
     * ownership of the tables PostgreSQL skips it with a warning, which is no error.
     */
    @Override
    public Uni<Void> reclaim() {
        return pool.query("vacuum (skip_locked) blob_chunk, blob, blob_put").execute().replaceWithVoid();
    }

    @Override
    public Uni<Long> purgeIncomplete(Instant startedBefore) {
        return pool.preparedQuery(PURGE_INCOMPLETE).execute(Tuple.of(startedBefore.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("purged"));
    }
}
