package com.imagecogni.storage;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;

/**
 * Picks the {@link BlobStore} every caller gets from {@code imagecogni.storage.type}, at run time (an environment
 * variable can change it). Implementations are beans of their own class only ({@link PostgresBlobStore}, and the
 * {@link S3BlobStore} made here from its settings), so the choice is made here and nowhere else; only the chosen one is
 * created.
 */
@ApplicationScoped
public class BlobStores {

    private static final Logger LOG = Logger.getLogger(BlobStores.class);

    @Produces
    @ApplicationScoped
    BlobStore blobStore(StorageConfig config, Instance<PostgresBlobStore> database, Instance<S3BlobStore> s3) {
        return switch (config.type()) {
            case DATABASE -> database.get();
            case S3 -> s3.get();
        };
    }

    @Produces
    @ApplicationScoped
    @Typed(S3BlobStore.class)
    S3BlobStore s3BlobStore(StorageConfig config) {
        misconfiguration(config);
        return S3BlobStore.create(config.s3());
    }

    /** Closes the S3 client, and with it its connections and event loops. */
    void close(@Disposes S3BlobStore store) {
        store.close();
    }

    /**
     * Refuses to start with {@code s3} and settings it cannot work with, before the workers start, in one message naming
     * what is missing; then makes the store, so the first upload does not.
     */
    void start(@Observes @Priority(1) StartupEvent event, StorageConfig config, Instance<S3BlobStore> s3) {
        if (config.type() == StorageConfig.Type.S3) {
            misconfiguration(config);
            LOG.infof("blob store: S3, %s", s3.get().description());
        } else {
            LOG.info("blob store: PostgreSQL");
        }
    }

    private static void misconfiguration(StorageConfig config) {
        S3BlobStore.misconfiguration(config.s3()).ifPresent(problem -> {
            throw new ConfigurationException(problem);
        });
    }
}
