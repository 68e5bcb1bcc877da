package com.imagecogni.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.imagecogni.support.Db;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * After a purge, the PostgreSQL store's {@code reclaim} makes the deleted chunks' space reusable at once: the next
 * blobs of the same size fit in it and the table does not grow, even where autovacuum is off (as on this machine's
 * PostgreSQL) or has not reached its threshold.
 */
@QuarkusTest
class BlobSpaceReclaimTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BLOBS = 8;
    private static final int SIZE = 3 * PostgresBlobStore.CHUNK_BYTES;

    @Inject
    BlobStore store;

    @Inject
    Db db;

    @Test
    void theSpaceOfPurgedBlobsIsReusedByTheNextOnes() {
        String root = "test/" + UUID.randomUUID() + "/";
        // random bytes, so TOAST cannot compress them away
        byte[] bytes = new byte[SIZE];
        new Random(5).nextBytes(bytes);
        putAll(root + "first-", bytes);
        store.reclaim().await().atMost(WAIT); // whatever earlier tests left free is counted in the baseline
        long before = tableBytes();

        store.deleteByPrefix(root).await().atMost(WAIT);
        store.reclaim().await().atMost(WAIT);
        putAll(root + "second-", bytes);

        long grown = tableBytes() - before;
        assertTrue(grown < SIZE * BLOBS / 4, "the blob table grew by " + grown + " bytes for " + (long) SIZE * BLOBS
                + " bytes put into the space of as many purged ones");
        store.deleteByPrefix(root).await().atMost(WAIT);
    }

    private void putAll(String prefix, byte[] bytes) {
        for (int i = 0; i < BLOBS; i++) {
            store.put(prefix + i, bytes).await().atMost(WAIT);
        }
    }

    private long tableBytes() {
        return db.one("select pg_total_relation_size('blob_chunk') as size").getLong("size");
    }

}
