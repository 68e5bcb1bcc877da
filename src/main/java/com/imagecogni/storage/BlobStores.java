package com.imagecogni.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Picks the {@link BlobStore} every caller gets from {@code imagecogni.storage.type}, at run time (an environment
 * variable can change it). Implementations are beans of their own class only, so the choice is made here and nowhere
 * else; only the chosen one is created.
 */
@ApplicationScoped
public class BlobStores {

    @Produces
    @ApplicationScoped
    BlobStore blobStore(StorageConfig config, Instance<PostgresBlobStore> database) {
        return switch (config.type()) {
            case DATABASE -> database.get();
        };
    }
}
