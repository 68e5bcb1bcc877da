package com.imagecogni.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.imagecogni.support.S3Server;

import io.vertx.core.Vertx;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The S3 blob store against a real S3 server (S3Proxy on a filesystem backend, {@link S3Server}): the contract, and what
 * only it has — multipart uploads of large files, aborting what an upload that died left, a store that goes away.
 */
class S3BlobStoreTest extends BlobStoreContract {

    private static S3Server server;
    private static S3BlobStore store;
    private static S3AsyncClient client;
    private static S3BlobStore missing;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        server = S3Server.start();
        store = S3BlobStore.create(settings(server, S3Server.BUCKET));
        client = store.client();
        missing = new S3BlobStore(client, "no-such-bucket", "a bucket that does not exist");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        store.close();
        vertx.close();
        server.close();
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    Vertx vertx() {
        return vertx;
    }

    /** Past one part: three parts, the last one short. */
    @Override
    int largeBlobBytes() {
        return 2 * S3BlobStore.PART_BYTES + 12_345;
    }

    @Test
    void aFileLargerThanAPartGoesUpInPartsAndAnObjectOfExactlyItsBytesIsStored() throws Exception {
        byte[] bytes = random(S3BlobStore.PART_BYTES + 1, 21);
        Path file = Files.write(dir.resolve("large.bin"), bytes);
        byte[] small = random(S3BlobStore.PART_BYTES, 22);
        Path oneRequest = Files.write(dir.resolve("small.bin"), small);

        store.put(root + "large", file).await().atMost(WAIT);
        store.put(root + "small", oneRequest).await().atMost(WAIT);

        // a multipart object's ETag counts its parts; a single PUT's is the MD5 of the bytes
        String multipart = client.headObject(request -> request.bucket(S3Server.BUCKET).key(root + "large")).join().eTag();
        String single = client.headObject(request -> request.bucket(S3Server.BUCKET).key(root + "small")).join().eTag();
        assertTrue(multipart.replace("\"", "").endsWith("-2"), "two parts: " + multipart);
        assertFalse(single.contains("-"), "one request: " + single);
        assertArrayEquals(bytes, store.readAll(root + "large").await().atMost(WAIT));
        assertArrayEquals(small, store.readAll(root + "small").await().atMost(WAIT));
        assertEquals(List.of(root + "large", root + "small"), server.keys(root));
        assertTrue(client.listMultipartUploads(request -> request.bucket(S3Server.BUCKET)).join().uploads().stream()
                .noneMatch(upload -> upload.key().startsWith(root)), "no upload is left open");
    }

    @Test
    void whatAnUploadThatNeverCompletedLeftIsAbortedByItsAge() {
        // a replica that died after the first part: the upload stays open, its part stored
        String key = root + "died";
        String uploadId = client.createMultipartUpload(request -> request.bucket(S3Server.BUCKET).key(key)).join().uploadId();
        client.uploadPart(request -> request.bucket(S3Server.BUCKET).key(key).uploadId(uploadId).partNumber(1),
                AsyncRequestBody.fromBytes(random(1000, 23))).join();

        // S3Proxy reports every upload as initiated now: the clock moves, not the upload
        assertEquals(0, store.purgeIncomplete(Instant.now().minus(Duration.ofHours(1))).await().atMost(WAIT));
        assertTrue(openUploads().contains(uploadId), "an upload younger than the cutoff stays");
        assertTrue(store.purgeIncomplete(Instant.now().plus(Duration.ofMinutes(1))).await().atMost(WAIT) >= 1);

        assertFalse(openUploads().contains(uploadId), "aborted");
        assertThrows(BlobNotFoundException.class, () -> store.open(key).await().atMost(WAIT));
    }

    @Test
    void aStoreThatIsAwayIsUnavailableNotEmptyAndWorksAgainWhenItIsBack() {
        String key = root + "kept";
        byte[] bytes = random(1000, 24);
        store.put(key, bytes).await().atMost(WAIT);
        store.checkBucket().await().atMost(WAIT);

        server.stop();
        try {
            assertThrows(BlobStoreUnavailableException.class, () -> store.put(root + "new", bytes).await().atMost(WAIT));
            assertThrows(BlobStoreUnavailableException.class, () -> store.open(key).await().atMost(WAIT),
                    "a store that is away is not a missing blob");
            assertThrows(BlobStoreUnavailableException.class, () -> store.deleteByPrefix(root).await().atMost(WAIT));
            assertThrows(BlobStoreUnavailableException.class, () -> store.checkBucket().await().atMost(WAIT));
        } finally {
            server.restart();
        }

        assertArrayEquals(bytes, store.readAll(key).await().atMost(WAIT), "the objects stayed, the client reconnects");
        store.checkBucket().await().atMost(WAIT);
    }

    @Test
    void aBucketThatDoesNotExistIsUnavailable() {
        assertThrows(BlobStoreUnavailableException.class, () -> missing.checkBucket().await().atMost(WAIT));
        assertThrows(BlobStoreUnavailableException.class, () -> missing.put(root + "x", new byte[1]).await().atMost(WAIT));
        assertThrows(BlobStoreUnavailableException.class, () -> missing.deleteByPrefix(root).await().atMost(WAIT));
    }

    @Test
    void missingSettingsAreNamedInOneMessage() {
        StorageConfig.S3 none = settings(null, null, null, null, null);
        String problem = S3BlobStore.misconfiguration(none).orElseThrow();
        assertTrue(problem.startsWith("imagecogni.storage.type=s3 needs imagecogni.storage.s3.bucket (IMAGECOGNI_STORAGE_S3_BUCKET)"
                + " and imagecogni.storage.s3.region"), problem);
        assertTrue(S3BlobStore.misconfiguration(settings(null, "us-east-1", "b", "id", null)).orElseThrow()
                .contains("both or neither of imagecogni.storage.s3.access-key-id and .secret-access-key"));
        assertEquals(Optional.empty(), S3BlobStore.misconfiguration(settings(null, "us-east-1", "b", null, null)),
                "without keys: the SDK's default credentials chain");
    }

    private List<String> openUploads() {
        return client.listMultipartUploads(request -> request.bucket(S3Server.BUCKET)).join().uploads().stream()
                .map(upload -> upload.uploadId()).toList();
    }

    private static StorageConfig.S3 settings(S3Server server, String bucket) {
        return settings(server.endpoint(), S3Server.REGION, bucket, S3Server.ACCESS_KEY_ID, S3Server.SECRET_ACCESS_KEY);
    }

    private static StorageConfig.S3 settings(URI endpoint, String region, String bucket, String id, String secret) {
        return new StorageConfig.S3() {
            @Override
            public Optional<URI> endpoint() {
                return Optional.ofNullable(endpoint);
            }

            @Override
            public Optional<String> region() {
                return Optional.ofNullable(region);
            }

            @Override
            public Optional<String> bucket() {
                return Optional.ofNullable(bucket);
            }

            @Override
            public Optional<String> accessKeyId() {
                return Optional.ofNullable(id);
            }

            @Override
            public Optional<String> secretAccessKey() {
                return Optional.ofNullable(secret);
            }

            @Override
            public boolean pathStyleAccess() {
                return true;
            }
        };
    }
}
