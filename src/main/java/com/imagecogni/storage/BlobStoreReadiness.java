package com.imagecogni.storage;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Which blob store this replica uses; with {@code s3}, whether its bucket answers a HeadBucket within 3 s (down
 * otherwise, as the database's own check is when PostgreSQL is away). Uploads need the store, so a replica that cannot
 * reach it is not ready to take them.
 */
@Readiness
@ApplicationScoped
public class BlobStoreReadiness implements AsyncHealthCheck {

    private static final String NAME = "blob store";

    @Inject
    StorageConfig config;

    @Inject
    Instance<S3BlobStore> s3;

    @Override
    public Uni<HealthCheckResponse> call() {
        if (config.type() != StorageConfig.Type.S3) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("type", "database").build());
        }
        S3BlobStore store = s3.get();
        return store.checkBucket()
                .map(ignored -> HealthCheckResponse.named(NAME).up().withData("type", "s3")
                        .withData("bucket", store.description()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down().withData("type", "s3")
                        .withData("bucket", store.description()).withData("error", String.valueOf(failure.getMessage())).build());
    }
}
