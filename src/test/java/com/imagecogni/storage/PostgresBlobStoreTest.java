package com.imagecogni.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Db;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;

/** The PostgreSQL blob store against the real database: the contract, and how its tables hold the bytes. */
@QuarkusTest
class PostgresBlobStoreTest extends BlobStoreContract {

    private static final int CHUNK = PostgresBlobStore.CHUNK_BYTES;

    @Inject
    BlobStore store;

    @Inject
    Vertx vertx;

    @Inject
    Db db;

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    Vertx vertx() {
        return vertx;
    }

    @Override
    int largeBlobBytes() {
        return 2 * CHUNK + 12_345;
    }

    @Test
    void theDefaultStoreIsPostgres() {
        assertInstanceOf(PostgresBlobStore.class, unproxied(store));
    }

    @Test
    void aFileIsPutInOneMegabyteChunksAndStreamedAChunkAtATime() throws Exception {
        byte[] bytes = random(2 * CHUNK + 12_345, 1);
        Path file = Files.write(dir.resolve("source.bin"), bytes);
        String key = root + "sources/1";

        store.put(key, file).await().atMost(WAIT);

        assertEquals(3, db.one("select count(*) from blob b join blob_chunk c on c.version = b.version where b.key = $1", key)
                .getLong(0), "1 MiB chunks, the last one short");
        List<Buffer> chunks = store.open(key).await().atMost(WAIT).content().collect().asList().await().atMost(WAIT);
        assertEquals(List.of(CHUNK, CHUNK, 12_345), chunks.stream().map(Buffer::length).toList(), "streamed a chunk at a time");
        assertEquals(0, db.one("select count(*) from blob_put where version = (select version from blob where key = $1)", key)
                .getLong(0), "the put is no longer under way");
        byte[] exactlyTwoChunks = random(2 * CHUNK, 3);
        store.put(root + "two", exactlyTwoChunks).await().atMost(WAIT);
        assertEquals(2, store.get(root + "two").collect().asList().await().atMost(WAIT).size());
        assertArrayEquals(exactlyTwoChunks, store.readAll(root + "two").await().atMost(WAIT));
    }

    @Test
    void aReplacedOrDeletedBlobLeavesNoChunkBehind() {
        String key = root + "result.zip";
        store.put(key, random(CHUNK + 1, 4)).await().atMost(WAIT);
        UUID first = db.one("select version from blob where key = $1", key).getUUID(0);
        store.put(key, random(10, 5)).await().atMost(WAIT);
        assertEquals(0, db.one("select count(*) from blob_chunk where version = $1", first).getLong(0),
                "the replaced version's chunks are gone");

        store.put(root + "jobs/a/sources/1", random(CHUNK + 5, 8)).await().atMost(WAIT);
        UUID second = db.one("select version from blob where key = $1", key).getUUID(0);
        store.delete(List.of(key)).await().atMost(WAIT);
        store.deleteByPrefix(root + "jobs/").await().atMost(WAIT);
        assertEquals(0, db.one("select count(*) from blob_chunk where version = $1", second).getLong(0));
        assertEquals(0, db.one("select count(*) from blob_chunk c where not exists (select 1 from blob b where b.version = c.version)"
                + " and not exists (select 1 from blob_put p where p.version = c.version)").getLong(0), "no chunk is left without its blob");
    }

    @Test
    void aOneChunkBlobUnderANewKeyIsOneRowAndOneChunkAndReplacingItLeavesNoChunkBehind() throws Exception {
        String key = root + "small";
        byte[] first = random(CHUNK, 11);
        store.put(key, Files.write(dir.resolve("small.bin"), first)).await().atMost(WAIT);
        UUID version = db.one("select version from blob where key = $1", key).getUUID(0);
        assertEquals(1, db.one("select count(*) from blob_chunk where version = $1", version).getLong(0));
        assertEquals(0, db.one("select count(*) from blob_put where version = $1", version).getLong(0));
        assertArrayEquals(first, store.readAll(key).await().atMost(WAIT));

        byte[] second = random(7, 12);
        store.put(key, second).await().atMost(WAIT);
        assertArrayEquals(second, store.readAll(key).await().atMost(WAIT), "a small put under an existing key replaces it");
        assertEquals(0, db.one("select count(*) from blob_chunk where version = $1", version).getLong(0));
    }

    @Test
    void concurrentSmallPutsOfOneNewKeyLeaveOneWholeBlobAndNoStrayChunk() {
        String key = root + "raced";
        List<byte[]> contents = java.util.stream.IntStream.range(0, 8).mapToObj(i -> random(1000 + i, 20 + i)).toList();
        io.smallrye.mutiny.Uni.join().all(contents.stream().map(bytes -> store.put(key, bytes)).toList()).andFailFast()
                .await().atMost(WAIT);

        byte[] stored = store.readAll(key).await().atMost(WAIT);
        assertTrue(contents.stream().anyMatch(bytes -> java.util.Arrays.equals(bytes, stored)), "one of the puts, whole");
        assertEquals(0, db.one("select count(*) from blob_chunk c where not exists (select 1 from blob b where b.version = c.version)"
                + " and not exists (select 1 from blob_put p where p.version = c.version)").getLong(0), "no chunk is left without its blob");
    }

    @Test
    void whatAPutThatDiedLeftIsPurgedByItsAge() {
        UUID died = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        // two puts as a replica leaves them when it dies after the first chunk: one two hours ago, one just now
        db.query("insert into blob_put (version, started_at) values ($1, now() - interval '2 hours'), ($2, now())", died, running);
        db.query("insert into blob_chunk (version, seq, data) values ($1, 0, '\\x00'), ($2, 0, '\\x00')", died, running);

        assertTrue(store.purgeIncomplete(Instant.now().minus(Duration.ofHours(1))).await().atMost(WAIT) >= 1);

        assertEquals(0, db.one("select count(*) from blob_chunk where version = $1", died).getLong(0));
        assertEquals(0, db.one("select count(*) from blob_put where version = $1", died).getLong(0));
        assertEquals(1, db.one("select count(*) from blob_chunk where version = $1", running).getLong(0),
                "a put still under way keeps its chunks");
        db.query("delete from blob_chunk where version = $1", running);
        db.query("delete from blob_put where version = $1", running);
    }

    private static Object unproxied(Object bean) {
        return bean instanceof io.quarkus.arc.ClientProxy proxy ? proxy.arc_contextualInstance() : bean;
    }
}
