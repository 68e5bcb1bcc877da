package com.imagecogni.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where image bytes live ({@code imagecogni.storage.*}, SPEC §10). */
@ConfigMapping(prefix = "imagecogni.storage")
public interface StorageConfig {

    /** The blob store: {@code database} (PostgreSQL, the default; nothing else to run) or {@code s3}. */
    @WithDefault("database")
    Type type();

    /**
     * How long a job or a postback whose bytes the store could not read or write waits before it is tried again (the
     * attempt is not counted), and the {@code Retry-After} of the 503 {@code storage_unavailable} answer.
     */
    @WithDefault("5s")
    Duration unavailableRetry();

    /** The S3-compatible store, read when {@code type} is {@code s3}. */
    S3 s3();

    /** The blob stores there are. */
    enum Type {
        /** {@link PostgresBlobStore}. */
        DATABASE,
        /** {@link S3BlobStore}: AWS S3, MinIO, Ceph RGW, … */
        S3
    }

    /** {@code imagecogni.storage.s3.*}: an S3-compatible object store (SPEC §10). */
    interface S3 {

        /** The store's URL ({@code http://minio:9000}); none for AWS S3, whose endpoint follows the region. */
        Optional<URI> endpoint();

        /** Required with {@code type=s3}; any value a non-AWS store accepts (MinIO: {@code us-east-1}). */
        Optional<String> region();

        /** Required with {@code type=s3}; the bucket must exist. */
        Optional<String> bucket();

        /** With {@link #secretAccessKey()}: static credentials. Without both, the SDK's default credentials chain. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** {@code http://host/bucket/key} instead of {@code http://bucket.host/key} (MinIO, Ceph RGW, most on-premise stores). */
        @WithDefault("false")
        boolean pathStyleAccess();
    }
}
