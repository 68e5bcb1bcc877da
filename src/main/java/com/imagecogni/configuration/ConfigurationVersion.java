package com.imagecogni.configuration;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One saved state of a configuration; never changed once written. */
@Entity
@Table(name = "configuration_version")
@IdClass(ConfigurationVersion.Key.class)
public class ConfigurationVersion extends PanacheEntityBase {

    @Id
    @Column(name = "configuration_id")
    public UUID configurationId;

    @Id
    public int version;

    @Column(nullable = false)
    public String name;

    @Column(name = "postback_url", nullable = false)
    public String postbackUrl;

    /** {@code multipart} or {@code json} ({@link com.imagecogni.delivery.PostbackFormat}). */
    @Column(name = "postback_format", nullable = false)
    public String postbackFormat;

    /** The validated operations array as JSON text. */
    @Column(nullable = false, columnDefinition = "text")
    public String operations;

    @Column(name = "credits_per_source", nullable = false)
    public int creditsPerSource;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Composite key: configuration and version number. */
    public static class Key implements Serializable {
        public UUID configurationId;
        public int version;

        public Key() {
        }

        public Key(UUID configurationId, int version) {
            this.configurationId = configurationId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.configurationId, configurationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(configurationId, version);
        }
    }
}
