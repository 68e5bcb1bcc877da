package com.imagecogni.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * What every {@link BlobStore} promises, through the port every caller uses: each implementation's test extends this
 * ({@link PostgresBlobStoreTest}, {@link S3BlobStoreTest}) and adds what only it has (its tables, its multipart uploads).
 */
abstract class BlobStoreContract {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Keys of each test start with this, so tests see only their own blobs. */
    String root;

    /** The store under test. */
    abstract BlobStore store();

    /** A Vert.x instance whose contexts callers run on. */
    abstract Vertx vertx();

    /** A size this store puts and reads in several pieces (its chunks, or its multipart upload's parts). */
    abstract int largeBlobBytes();

    @BeforeEach
    void root() {
        root = "test/" + UUID.randomUUID() + "/";
    }

    @Test
    void aLargeFileIsPutAndStreamedBackIdentical() throws Exception {
        byte[] bytes = random(largeBlobBytes(), 1);
        Path file = Files.write(dir.resolve("source.bin"), bytes);
        String key = root + "sources/1";

        store().put(key, file).await().atMost(WAIT);

        BlobStore.Blob blob = store().open(key).await().atMost(WAIT);
        assertEquals(bytes.length, blob.size(), "the size is known before a byte is read");
        List<Buffer> chunks = blob.content().collect().asList().await().atMost(WAIT);
        assertTrue(chunks.size() > 1, "streamed in pieces, not whole: " + chunks.size());
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        chunks.forEach(chunk -> streamed.writeBytes(chunk.getBytes()));
        assertArrayEquals(sha256(bytes), sha256(streamed.toByteArray()));
        assertArrayEquals(bytes, streamed.toByteArray());
        assertArrayEquals(bytes, store().readAll(key).await().atMost(WAIT));
        assertArrayEquals(bytes, concat(blob.content().collect().asList().await().atMost(WAIT)),
                "the content can be read again");
    }

    @Test
    void bytesInMemoryArePutAndReadBack() throws Exception {
        byte[] small = random(1000, 2);
        byte[] empty = new byte[0];
        store().put(root + "small", small).await().atMost(WAIT);
        store().put(root + "empty", empty).await().atMost(WAIT);
        Path emptyFile = Files.write(dir.resolve("empty.bin"), empty);
        store().put(root + "empty-file", emptyFile).await().atMost(WAIT);

        assertArrayEquals(small, store().readAll(root + "small").await().atMost(WAIT));
        assertArrayEquals(empty, store().readAll(root + "empty").await().atMost(WAIT));
        assertEquals(0, store().open(root + "empty").await().atMost(WAIT).size());
        assertArrayEquals(empty, store().readAll(root + "empty-file").await().atMost(WAIT));
    }

    @Test
    void aPutUnderAnExistingKeyReplacesTheBlob() {
        String key = root + "result.zip";
        store().put(key, random(1000, 4)).await().atMost(WAIT);
        byte[] second = random(10, 5);

        store().put(key, second).await().atMost(WAIT);

        assertArrayEquals(second, store().readAll(key).await().atMost(WAIT));
        assertEquals(10, store().open(key).await().atMost(WAIT).size());
    }

    @Test
    void aBlobReplacedAfterItWasOpenedFailsTheReadInsteadOfMixingVersions() {
        String key = root + "replaced";
        store().put(key, random(1000, 6)).await().atMost(WAIT);
        BlobStore.Blob opened = store().open(key).await().atMost(WAIT);

        store().put(key, random(2000, 7)).await().atMost(WAIT);

        BlobNotFoundException e = assertThrows(BlobNotFoundException.class,
                () -> opened.content().collect().asList().await().atMost(WAIT));
        assertEquals(key, e.key());
    }

    @Test
    void aMissingKeyFailsWithItsOwnException() {
        String key = root + "never-stored";
        BlobNotFoundException opened = assertThrows(BlobNotFoundException.class, () -> store().open(key).await().atMost(WAIT));
        assertEquals(key, opened.key());
        assertTrue(opened.getMessage().contains(key), opened.getMessage());
        assertThrows(BlobNotFoundException.class, () -> store().get(key).collect().asList().await().atMost(WAIT));
        assertThrows(BlobNotFoundException.class, () -> store().readAll(key).await().atMost(WAIT));
    }

    @Test
    void keysOutsideTheSafeCharactersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> store().put("a key", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> store().put("", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> store().open("../x%"));
        assertThrows(IllegalArgumentException.class, () -> store().put(root + "folder/", new byte[1]), "a folder's name");
        assertThrows(IllegalArgumentException.class, () -> store().deleteByPrefix("a b/"));
    }

    @Test
    void deleteRemovesTheBlobsAndIgnoresMissingKeys() {
        store().put(root + "a", random(1000, 8)).await().atMost(WAIT);
        store().put(root + "b", random(5, 9)).await().atMost(WAIT);

        store().delete(List.of(root + "a", root + "not-there")).await().atMost(WAIT);
        store().delete(List.of()).await().atMost(WAIT);

        assertThrows(BlobNotFoundException.class, () -> store().open(root + "a").await().atMost(WAIT));
        assertEquals(5, store().readAll(root + "b").await().atMost(WAIT).length);
    }

    @Test
    void deleteByPrefixRemovesOneJobsBlobsOnly() {
        store().put(root + "jobs/a/sources/1", random(1000, 10)).await().atMost(WAIT);
        store().put(root + "jobs/a/results/x.zip", random(5, 11)).await().atMost(WAIT);
        store().put(root + "jobs/ab/sources/1", random(5, 12)).await().atMost(WAIT);
        store().put(root + "jobs/a_/sources/1", random(5, 13)).await().atMost(WAIT);

        assertEquals(2, store().deleteByPrefix(root + "jobs/a/").await().atMost(WAIT));

        assertEquals(List.of(root + "jobs/a_/sources/1", root + "jobs/ab/sources/1"), listAll(root, future()));
        assertEquals(0, store().deleteByPrefix(root + "jobs/a/").await().atMost(WAIT));
    }

    @Test
    void listingPagesThroughTheKeysStoredBeforeAMoment() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(root + "k" + i);
            store().put(root + "k" + i, new byte[] { (byte) i }).await().atMost(WAIT);
        }
        store().put("other/" + UUID.randomUUID(), new byte[1]).await().atMost(WAIT);

        // the clock moves, not the blobs: an hour from now every blob is older than "now"
        assertEquals(List.of(), listAll(root, Instant.now().minus(Duration.ofHours(1))), "none was stored an hour ago");
        assertEquals(keys, listAll(root, future()));
        List<String> page = store().listStoredBefore(root, future(), root + "k1", 2).await().atMost(WAIT);
        assertEquals(List.of(root + "k2", root + "k3"), page);
    }

    @Test
    void outcomesComeBackOnTheCallersVertxContext() throws Exception {
        Context context = vertx().getOrCreateContext();
        String key = root + "context";
        CompletableFuture<List<Boolean>> onContext = new CompletableFuture<>();
        context.runOnContext(ignored -> store().put(key, random(10, 14))
                .map(done -> Vertx.currentContext() == context)
                .chain(put -> store().open(key).map(blob -> List.of(put, Vertx.currentContext() == context)))
                .chain(opened -> store().readAll(key).map(bytes -> List.of(opened.get(0), opened.get(1),
                        Vertx.currentContext() == context)))
                .chain(read -> store().open(root + "missing").map(blob -> read)
                        .onFailure(BlobNotFoundException.class).recoverWithUni(e -> Uni.createFrom().item(List.of(read.get(0),
                                read.get(1), read.get(2), Vertx.currentContext() == context))))
                .subscribe().with(onContext::complete, onContext::completeExceptionally));

        List<Boolean> seen = onContext.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(seen);
        assertEquals(List.of(true, true, true, true), seen, "put, open, streamed read and failure each on the caller's context");
        assertSame(null, Vertx.currentContext(), "the test thread has none");
    }

    List<String> listAll(String prefix, Instant before) {
        List<String> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> page = store().listStoredBefore(prefix, before, after, 2).await().atMost(WAIT);
            all.addAll(page);
            if (page.size() < 2) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    static Instant future() {
        return Instant.now().plus(Duration.ofHours(2));
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(List<Buffer> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(chunk -> all.writeBytes(chunk.getBytes()));
        return all.toByteArray();
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
