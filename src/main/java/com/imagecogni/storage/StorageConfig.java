package com.imagecogni.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where image bytes live ({@code imagecogni.storage.*}, SPEC §10). */
@ConfigMapping(prefix = "imagecogni.storage")
public interface StorageConfig {

    /** The blob store: {@code database} (PostgreSQL, the default; nothing else to run). */
    @WithDefault("database")
    Type type();

    /** The blob stores there are; {@code s3} comes with its own issue. */
    enum Type {
        /** {@link PostgresBlobStore}. */
        DATABASE
    }
}
