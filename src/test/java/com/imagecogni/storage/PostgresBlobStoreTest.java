package com.imagecogni.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.imagecogni.support.Db;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;

/** The PostgreSQL blob store through the port every caller uses, against the real database. */
@QuarkusTest
class PostgresBlobStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CHUNK = PostgresBlobStore.CHUNK_BYTES;

    @Inject
    BlobStore store;

    @Inject
    Db db;

    @TempDir
    Path dir;

    /** Keys of each test start with this, so tests see only their own blobs. */
    String root;

    @BeforeEach
    void root() {
        root = "test/" + UUID.randomUUID() + "/";
    }

    @Test
    void theDefaultStoreIsPostgres() {
        assertInstanceOf(PostgresBlobStore.class, unproxied(store));
    }

    @Test
    void aFileIsPutInChunksAndStreamedBackIdentical() throws Exception {
        byte[] bytes = random(2 * CHUNK + 12_345, 1);
        Path file = Files.write(dir.resolve("source.bin"), bytes);
        String key = root + "sources/1";

        store.put(key, file).await().atMost(WAIT);

        assertEquals(3, db.one("select count(*) from blob b join blob_chunk c on c.version = b.version where b.key = $1", key)
                .getLong(0), "1 MiB chunks, the last one short");
        BlobStore.Blob blob = store.open(key).await().atMost(WAIT);
        assertEquals(bytes.length, blob.size());
        List<Buffer> chunks = blob.content().collect().asList().await().atMost(WAIT);
        assertEquals(List.of(CHUNK, CHUNK, 12_345), chunks.stream().map(Buffer::length).toList(), "streamed a chunk at a time");
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        chunks.forEach(chunk -> streamed.writeBytes(chunk.getBytes()));
        assertArrayEquals(sha256(bytes), sha256(streamed.toByteArray()));
        assertArrayEquals(bytes, streamed.toByteArray());
        assertArrayEquals(bytes, store.readAll(key).await().atMost(WAIT));
        assertEquals(0, db.one("select count(*) from blob_put where version = (select version from blob where key = $1)", key)
                .getLong(0), "the put is no longer under way");
    }

    @Test
    void bytesInMemoryArePutAndReadBack() {
        byte[] small = random(1000, 2);
        byte[] exactlyTwoChunks = random(2 * CHUNK, 3);
        store.put(root + "small", small).await().atMost(WAIT);
        store.put(root + "two", exactlyTwoChunks).await().atMost(WAIT);
        store.put(root + "empty", new byte[0]).await().atMost(WAIT);

        assertArrayEquals(small, store.readAll(root + "small").await().atMost(WAIT));
        assertArrayEquals(exactlyTwoChunks, store.readAll(root + "two").await().atMost(WAIT));
        assertEquals(2, store.get(root + "two").collect().asList().await().atMost(WAIT).size());
        assertArrayEquals(new byte[0], store.readAll(root + "empty").await().atMost(WAIT));
        assertEquals(0, store.open(root + "empty").await().atMost(WAIT).size());
    }

    @Test
    void aPutUnderAnExistingKeyReplacesTheBlobAndItsChunks() {
        String key = root + "result.zip";
        store.put(key, random(CHUNK + 1, 4)).await().atMost(WAIT);
        UUID first = db.one("select version from blob where key = $1", key).getUUID(0);
        byte[] second = random(10, 5);

        store.put(key, second).await().atMost(WAIT);

        assertArrayEquals(second, store.readAll(key).await().atMost(WAIT));
        assertEquals(0, db.one("select count(*) from blob_chunk where version = $1", first).getLong(0),
                "the replaced version's chunks are gone");
    }

    @Test
    void aMissingKeyFailsWithItsOwnException() {
        String key = root + "never-stored";
        BlobNotFoundException opened = assertThrows(BlobNotFoundException.class, () -> store.open(key).await().atMost(WAIT));
        assertEquals(key, opened.key());
        assertTrue(opened.getMessage().contains(key), opened.getMessage());
        assertThrows(BlobNotFoundException.class, () -> store.get(key).collect().asList().await().atMost(WAIT));
        assertThrows(BlobNotFoundException.class, () -> store.readAll(key).await().atMost(WAIT));
    }

    @Test
    void keysOutsideTheSafeCharactersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.put("a key", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> store.put("", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> store.open("../x%"));
    }

    @Test
    void deleteRemovesTheBlobsAndTheirChunks() {
        store.put(root + "a", random(CHUNK + 5, 6)).await().atMost(WAIT);
        store.put(root + "b", random(5, 7)).await().atMost(WAIT);
        UUID a = db.one("select version from blob where key = $1", root + "a").getUUID(0);

        store.delete(List.of(root + "a", root + "not-there")).await().atMost(WAIT);

        assertThrows(BlobNotFoundException.class, () -> store.open(root + "a").await().atMost(WAIT));
        assertEquals(0, db.one("select count(*) from blob_chunk where version = $1", a).getLong(0));
        assertEquals(5, store.readAll(root + "b").await().atMost(WAIT).length);
    }

    @Test
    void deleteByPrefixRemovesOneJobsBlobsOnly() {
        store.put(root + "jobs/a/sources/1", random(CHUNK + 5, 8)).await().atMost(WAIT);
        store.put(root + "jobs/a/results/x.zip", random(5, 9)).await().atMost(WAIT);
        store.put(root + "jobs/ab/sources/1", random(5, 10)).await().atMost(WAIT);
        store.put(root + "jobs/a_/sources/1", random(5, 11)).await().atMost(WAIT);

        assertEquals(2, store.deleteByPrefix(root + "jobs/a/").await().atMost(WAIT));

        assertEquals(List.of(root + "jobs/a_/sources/1", root + "jobs/ab/sources/1"), listAll(root, future()));
        assertEquals(0, db.one("select count(*) from blob_chunk c where not exists (select 1 from blob b where b.version = c.version)"
                + " and not exists (select 1 from blob_put p where p.version = c.version)").getLong(0), "no chunk is left without its blob");
    }

    @Test
    void listingPagesThroughTheKeysStoredBeforeAMoment() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(root + "k" + i);
            store.put(root + "k" + i, new byte[] { (byte) i }).await().atMost(WAIT);
        }
        store.put("other/" + UUID.randomUUID(), new byte[1]).await().atMost(WAIT);

        // the clock moves, not the rows: an hour from now every blob is older than "now"
        assertEquals(List.of(), listAll(root, Instant.now().minus(Duration.ofHours(1))), "none was stored an hour ago");
        assertEquals(keys, listAll(root, future()));
        List<String> page = store.listStoredBefore(root, future(), root + "k1", 2).await().atMost(WAIT);
        assertEquals(List.of(root + "k2", root + "k3"), page);
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

    private List<String> listAll(String prefix, Instant before) {
        List<String> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> page = store.listStoredBefore(prefix, before, after, 2).await().atMost(WAIT);
            all.addAll(page);
            if (page.size() < 2) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    private static Instant future() {
        return Instant.now().plus(Duration.ofHours(2));
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static Object unproxied(Object bean) {
        return bean instanceof io.quarkus.arc.ClientProxy proxy ? proxy.arc_contextualInstance() : bean;
    }
}
