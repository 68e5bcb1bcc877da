package com.imagecogni.configuration;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A configuration version as the API shows it: what it does, what it costs per source, and a
 * hint when the same operations in another order would cost less.
 */
@RegisterForReflection
public record ConfigurationView(UUID id, String name, int version, String postbackUrl,
        @Schema(enumeration = { "multipart", "json" }, description = "How postbacks are sent") String postbackFormat,
        // the items are the document's Operation schema (ops' OperationSchemasFilter), not Jackson's tree type
        @Schema(type = SchemaType.ARRAY) JsonNode operations,
        int creditsPerSource, String hint, Instant createdAt, Instant updatedAt) {
}
