package com.imagecogni.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.unchecked.Unchecked;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.FileRequestBodyConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in one bucket of an S3-compatible store (AWS S3, MinIO, Ceph RGW, …), through the AWS SDK's
 * asynchronous client on its Netty HTTP client: no call holds a thread while it waits. PostgreSQL then holds no image
 * bytes, only the keys.
 *
 * <p>A put of a file up to {@value #PART_BYTES} bytes is one PutObject; a larger one is a multipart upload of
 * {@value #PART_BYTES}-byte parts sent one after the other, each read from the file in {@value #READ_SLICE}-byte slices as
 * the connection takes them, so no part is ever whole on the heap. A multipart upload that fails is aborted; one that
 * could not be (the replica died) is what {@link #purgeIncomplete} aborts by its age. The store makes a put atomic:
 * readers see the object as it was or as it is now.
 *
 * <p>{@link #open} is a HEAD (the size, the ETag); the bytes are a GET made when the content is subscribed, pinned to that
 * ETag ({@code If-Match}): a blob replaced or deleted in between fails the stream with {@link BlobNotFoundException}
 * instead of mixing two versions, as the PostgreSQL store does.
 *
 * <p>The SDK completes its calls on its own threads; a caller on a Vert.x context (an event loop, a Hibernate Reactive
 * session) gets the outcome back on that context, as from the reactive PostgreSQL client. Failures that mean the store is
 * away (no connection, timeouts, 5xx, throttling, credentials or bucket refused) are {@link BlobStoreUnavailableException}.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    /** Bytes per part of a multipart upload (S3 takes 5 MiB at least), and the largest file put in one request. */
    public static final int PART_BYTES = 8 * 1024 * 1024;

    /** Bytes read from a file at a time while a request body is sent. */
    static final int READ_SLICE = 64 * 1024;

    /** What a put holds in memory at most: a few file slices in flight and the HTTP client's buffers. */
    static final int BUDGET_BYTES = 1024 * 1024;

    /** DeleteObjects takes at most this many keys, and ListObjectsV2 answers at most this many. */
    private static final int PAGE = 1000;

    private static final String CONTENT_TYPE = "application/octet-stream";

    /** The readiness check's HeadBucket gives up after this. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final S3AsyncClient s3;
    private final String bucket;
    private final String description;
    /** The HTTP client's event loops, when this store made them (closed with it). */
    private final EventLoopGroup eventLoops;

    /** A store on a client the caller made and closes. */
    public S3BlobStore(S3AsyncClient s3, String bucket, String description) {
        this(s3, bucket, description, null);
    }

    private S3BlobStore(S3AsyncClient s3, String bucket, String description, EventLoopGroup eventLoops) {
        this.s3 = s3;
        this.bucket = bucket;
        this.description = description;
        this.eventLoops = eventLoops;
    }

    /** The store the settings describe; {@link #misconfiguration} must have found nothing. */
    public static S3BlobStore create(StorageConfig.S3 config) {
        misconfiguration(config).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        String bucket = config.bucket().orElseThrow();
        // two event loops of its own are plenty for object I/O; made here so that closing them does not wait out
        // Netty's two-second quiet period at every shutdown
        EventLoopGroup eventLoops = new NioEventLoopGroup(2, new DefaultThreadFactory("imagecogni-s3", true));
        return new S3BlobStore(client(config, SdkEventLoopGroup.create(eventLoops)), bucket, "bucket "
                + bucket + " at " + config.endpoint().map(URI::toString).orElse("AWS S3 " + config.region().orElseThrow())
                + (config.pathStyleAccess() ? " (path-style)" : ""), eventLoops);
    }

    /** What is missing or contradictory in the settings, in one sentence naming the properties and variables. */
    public static Optional<String> misconfiguration(StorageConfig.S3 config) {
        List<String> missing = new ArrayList<>();
        if (config.bucket().isEmpty()) {
            missing.add("imagecogni.storage.s3.bucket (IMAGECOGNI_STORAGE_S3_BUCKET)");
        }
        if (config.region().isEmpty()) {
            missing.add("imagecogni.storage.s3.region (IMAGECOGNI_STORAGE_S3_REGION; any value a non-AWS store accepts,"
                    + " such as us-east-1)");
        }
        if (config.accessKeyId().isPresent() != config.secretAccessKey().isPresent()) {
            missing.add("both or neither of imagecogni.storage.s3.access-key-id and .secret-access-key"
                    + " (IMAGECOGNI_STORAGE_S3_ACCESS_KEY_ID, IMAGECOGNI_STORAGE_S3_SECRET_ACCESS_KEY; neither: the AWS"
                    + " SDK's default credentials chain)");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("imagecogni.storage.type=s3 needs " + String.join(" and ", missing));
    }

    private static S3AsyncClient client(StorageConfig.S3 config, SdkEventLoopGroup eventLoops) {
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .region(Region.of(config.region().orElseThrow()))
                .forcePathStyle(config.pathStyleAccess())
                .credentialsProvider(credentials(config))
                // what every S3-compatible store takes: checksums only where the API requires one, as Content-MD5
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .addPlugin(LegacyMd5Plugin.create())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(eventLoops)
                        .maxConcurrency(64)
                        // a store that is away is noticed in seconds: the job is tried again later
                        .connectionTimeout(Duration.ofSeconds(5))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(StorageConfig.S3 config) {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                    config.secretAccessKey().get()));
        }
        // environment, system properties, web identity (with the sts module), profile files, container and instance roles
        return DefaultCredentialsProvider.builder().build();
    }

    /** The client, for tests that look at the bucket behind the port's back. */
    S3AsyncClient client() {
        return s3;
    }

    /** The bucket and where it is, for logs and the readiness check (no credentials). */
    public String description() {
        return description;
    }

    @Override
    public int chunkBytes() {
        return BUDGET_BYTES;
    }

    @Override
    public Uni<Void> put(String key, Path file) {
        BlobKeys.requireKey(key);
        return onCaller(Uni.createFrom().item(Unchecked.supplier(() -> Files.size(file)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(size -> size <= PART_BYTES ? putObject(key, size, slice(file, 0, size)) : putParts(key, file, size)));
    }

    @Override
    public Uni<Void> put(String key, byte[] bytes) {
        BlobKeys.requireKey(key);
        // not copied: the SDK reads the caller's array
        return onCaller(putObject(key, bytes.length, AsyncRequestBody.fromBytesUnsafe(bytes)));
    }

    private Uni<Void> putObject(String key, long size, AsyncRequestBody body) {
        return sdk(() -> s3.putObject(request -> request.bucket(bucket).key(key).contentLength(size).contentType(CONTENT_TYPE),
                body), key).replaceWithVoid();
    }

    /** A multipart upload of the file, part after part; aborted when any step fails. */
    private Uni<Void> putParts(String key, Path file, long size) {
        int parts = Math.toIntExact((size + PART_BYTES - 1) / PART_BYTES);
        return sdk(() -> s3.createMultipartUpload(request -> request.bucket(bucket).key(key).contentType(CONTENT_TYPE)), key)
                .chain(created -> {
                    String uploadId = created.uploadId();
                    return Multi.createFrom().range(1, parts + 1)
                            .onItem().transformToUniAndConcatenate(part -> {
                                long position = (long) (part - 1) * PART_BYTES;
                                long length = Math.min(PART_BYTES, size - position);
                                return sdk(() -> s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                                        .partNumber(part).contentLength(length), slice(file, position, length)), key)
                                        .map(uploaded -> CompletedPart.builder().partNumber(part).eTag(uploaded.eTag()).build());
                            })
                            .collect().asList()
                            .chain(completed -> sdk(() -> s3.completeMultipartUpload(request -> request.bucket(bucket).key(key)
                                    .uploadId(uploadId).multipartUpload(upload -> upload.parts(completed))), key))
                            .replaceWithVoid()
                            // best effort: an upload left behind is purgeIncomplete's
                            .onFailure().call(() -> sdk(() -> s3.abortMultipartUpload(request -> request.bucket(bucket).key(key)
                                    .uploadId(uploadId)), key).onFailure().recoverWithNull());
                });
    }

    /** {@code length} bytes of the file from {@code position}, read a slice at a time as the request body is sent. */
    private static AsyncRequestBody slice(Path file, long position, long length) {
        if (length == 0) {
            return AsyncRequestBody.empty();
        }
        return AsyncRequestBody.fromFile(FileRequestBodyConfiguration.builder().path(file).position(position)
                .numBytesToRead(length).chunkSizeInBytes(READ_SLICE).build());
    }

    @Override
    public Uni<Blob> open(String key) {
        BlobKeys.requireKey(key);
        return onCaller(sdk(() -> s3.headObject(request -> request.bucket(bucket).key(key)), key)
                .map(head -> new Blob(key, head.contentLength(), content(key, head.eTag()))));
    }

    /** The object's bytes as the GET delivers them, read from the connection only as they are requested. */
    private Multi<Buffer> content(String key, String eTag) {
        Multi<Buffer> body = sdk(() -> s3.getObject(request -> request.bucket(bucket).key(key).ifMatch(eTag),
                AsyncResponseTransformer.<GetObjectResponse> toPublisher()), key)
                .onItem().transformToMulti(response -> Multi.createFrom().publisher(AdaptersToFlow.publisher(response)))
                .filter(ByteBuffer::hasRemaining)
                // the SDK hands over a buffer of its own for each piece: wrapped, not copied
                .map(bytes -> Buffer.buffer(Unpooled.wrappedBuffer(bytes)))
                .onFailure().transform(failure -> translate(failure, key));
        return Multi.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            return context == null ? body : body.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    @Override
    public Uni<Void> delete(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        keys.forEach(BlobKeys::requireKey);
        List<String> all = keys.stream().distinct().toList();
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += PAGE) {
            batches.add(all.subList(from, Math.min(all.size(), from + PAGE)));
        }
        return onCaller(Multi.createFrom().iterable(batches).onItem().transformToUniAndConcatenate(this::deleteBatch)
                .collect().last().replaceWithVoid());
    }

    /** One DeleteObjects of at most {@value #PAGE} keys; keys with no object are no error. Returns how many. */
    private Uni<Integer> deleteBatch(List<String> keys) {
        List<ObjectIdentifier> objects = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
        return sdk(() -> s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.quiet(true).objects(objects))),
                null).map(response -> {
                    List<S3Error> errors = response.errors().stream().filter(error -> !"NoSuchKey".equals(error.code())).toList();
                    if (!errors.isEmpty()) {
                        S3Error first = errors.get(0);
                        throw new BlobStoreUnavailableException("the blob store did not delete " + errors.size() + " of "
                                + keys.size() + " blobs (" + first.key() + ": " + first.code() + " " + first.message() + ")", null);
                    }
                    return keys.size();
                });
    }

    @Override
    public Uni<Long> deleteByPrefix(String prefix) {
        BlobKeys.requirePrefix(prefix);
        return onCaller(deletePages(prefix, null, 0));
    }

    /** Lists a page of keys after {@code after} and deletes them, until the listing ends; folder markers stay. */
    private Uni<Long> deletePages(String prefix, String after, long deleted) {
        return list(prefix, after).chain(page -> {
            List<String> listed = page.contents().stream().map(S3Object::key).toList();
            List<String> keys = listed.stream().filter(key -> !BlobKeys.isFolder(key)).toList();
            Uni<Long> done = keys.isEmpty() ? Uni.createFrom().item(deleted) : deleteBatch(keys).map(count -> deleted + count);
            return Boolean.TRUE.equals(page.isTruncated()) && !listed.isEmpty()
                    ? done.chain(total -> deletePages(prefix, listed.get(listed.size() - 1), total))
                    : done;
        });
    }

    @Override
    public Uni<List<String>> listStoredBefore(String prefix, Instant storedBefore, String startAfter, int limit) {
        BlobKeys.requirePrefix(prefix);
        if (limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return onCaller(listPages(prefix, storedBefore, startAfter, limit, new ArrayList<>()));
    }

    /**
     * Pages through the keys in the store's order, UTF-8 byte order: the order the port promises (the database's
     * {@code collate "C"}), so the caller's {@code startAfter} resumes where this stopped. Stored means last modified.
     */
    private Uni<List<String>> listPages(String prefix, Instant before, String after, int limit, List<String> found) {
        return list(prefix, after).chain(page -> {
            for (S3Object object : page.contents()) {
                if (!BlobKeys.isFolder(object.key()) && object.lastModified().isBefore(before)) {
                    found.add(object.key());
                    if (found.size() == limit) {
                        return Uni.createFrom().item(found);
                    }
                }
            }
            if (!Boolean.TRUE.equals(page.isTruncated()) || page.contents().isEmpty()) {
                return Uni.createFrom().item(found);
            }
            return listPages(prefix, before, page.contents().get(page.contents().size() - 1).key(), limit, found);
        });
    }

    private Uni<ListObjectsV2Response> list(String prefix, String after) {
        return sdk(() -> s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix.isEmpty() ? null : prefix)
                .startAfter(after).maxKeys(PAGE)), null);
    }

    @Override
    public Uni<Long> purgeIncomplete(Instant startedBefore) {
        return onCaller(purgePages(startedBefore, null, null, 0));
    }

    /** Aborts the multipart uploads initiated before {@code before}, a listing page at a time. */
    private Uni<Long> purgePages(Instant before, String keyMarker, String uploadIdMarker, long purged) {
        return sdk(() -> s3.listMultipartUploads(request -> request.bucket(bucket).keyMarker(keyMarker)
                .uploadIdMarker(uploadIdMarker)), null).chain(page -> {
                    List<MultipartUpload> stale = page.uploads().stream()
                            .filter(upload -> upload.initiated() != null && upload.initiated().isBefore(before)).toList();
                    Uni<Long> aborted = Multi.createFrom().iterable(stale)
                            .onItem().transformToUniAndConcatenate(upload -> sdk(() -> s3.abortMultipartUpload(request -> request
                                    .bucket(bucket).key(upload.key()).uploadId(upload.uploadId())), null)
                                    // completed or aborted meanwhile
                                    .onFailure(S3BlobStore::isNotFound).recoverWithNull())
                            .collect().asList().map(done -> purged + stale.size());
                    return Boolean.TRUE.equals(page.isTruncated()) && page.nextKeyMarker() != null
                            ? aborted.chain(total -> purgePages(before, page.nextKeyMarker(), page.nextUploadIdMarker(), total))
                            : aborted;
                });
    }

    /** Whether the bucket answers (a HeadBucket, for the readiness check): fails when it does not. */
    public Uni<Void> checkBucket() {
        return onCaller(sdk(() -> s3.headBucket(request -> request.bucket(bucket)
                .overrideConfiguration(call -> call.apiCallTimeout(CHECK_TIMEOUT))), null).replaceWithVoid());
    }

    @Override
    public void close() {
        s3.close();
        if (eventLoops != null) {
            eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        }
    }

    /** The SDK call, made when the Uni is subscribed, its failure in the port's terms. */
    private static <T> Uni<T> sdk(Supplier<CompletableFuture<T>> call, String key) {
        return Uni.createFrom().completionStage(call).onFailure().transform(failure -> translate(failure, key));
    }

    /** Emits on the subscriber's Vert.x context, if it has one (the SDK completes on its own threads). */
    private static <T> Uni<T> onCaller(Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            return context == null ? work : work.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    private static boolean isNotFound(Throwable failure) {
        return unwrap(failure) instanceof S3Exception e && e.statusCode() == 404;
    }

    /**
     * The port's exceptions for the SDK's: a missing object ({@code key} given) is {@link BlobNotFoundException}; no
     * answer, a 5xx, throttling, refused credentials or a missing bucket is {@link BlobStoreUnavailableException}; any
     * other answer (a request the store calls wrong) stays what it is.
     */
    static RuntimeException translate(Throwable failure, String key) {
        Throwable e = unwrap(failure);
        if (e instanceof BlobNotFoundException || e instanceof BlobStoreUnavailableException) {
            return (RuntimeException) e;
        }
        if (e instanceof S3Exception s3e) {
            int status = s3e.statusCode();
            String code = s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
            // a HEAD has no error body: its 404 says "no such key"; elsewhere a 404 without a key is the bucket's
            boolean noBucket = "NoSuchBucket".equals(code) || (key == null && status == 404);
            if (key != null && !noBucket && status == 404) {
                return new BlobNotFoundException(key);
            }
            if (key != null && status == 412) {
                return new BlobNotFoundException(key, "the blob under key " + key + " was replaced or deleted while it was read");
            }
            if (noBucket || status >= 500 || status == 429 || status == 401 || status == 403) {
                return new BlobStoreUnavailableException("the blob store answered " + status + (code == null ? "" : " " + code)
                        + ": " + s3e.getMessage(), s3e);
            }
            return s3e;
        }
        if (e instanceof SdkClientException || e instanceof IOException) {
            return new BlobStoreUnavailableException("the blob store could not be reached: " + e.getMessage(), e);
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
