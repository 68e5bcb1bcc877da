package com.imagecogni.job;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.Blocking;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.common.auth.Caller;
import com.imagecogni.common.auth.Roles;
import com.imagecogni.ops.Metrics;
import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodeMemory;
import com.imagecogni.pipeline.decode.FormatSniffer;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.storage.BlobStore;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The upload: {@code multipart/form-data} with {@code configId} and repeated {@code sources}, from
 * an API key at an allow-listed address. Quarkus spools the parts to disk while they stream (and
 * answers 413 past the request limit); reading and sniffing them runs on a worker thread.
 */
@Tag(name = "Jobs")
@Path("/api/v1/jobs")
public class UploadResource {

    private static final int MAX_IDEMPOTENCY_KEY = 200;
    private static final long RETRY_AFTER_BUSY = 5;
    private static final int MAX_NAME = 1024;
    /**
     * What is read of a streamed source at intake: its format by the magic bytes, and its size from the header,
     * which a JPEG may put after large metadata segments.
     */
    private static final int HEAD_BYTES = 256 * 1024;

    @Inject
    JobIntake intake;

    @Inject
    Blocking blocking;

    @Inject
    UploadBudget budget;

    @Inject
    Metrics metrics;

    @Inject
    BlobStore blobs;

    @Inject
    ImagecogniConfig config;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Roles.API_KEY)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload images for processing with a configuration (multipart: configId, repeated sources)")
    public Uni<Response> upload(@RestForm("configId") String configId, @RestForm("sources") List<FileUpload> sources,
            @RestHeader("Idempotency-Key") String idempotencyKey) {
        return Uni.createFrom().deferred(() -> accept(configId, sources, idempotencyKey))
                .invoke(() -> metrics.upload("accepted"))
                .onFailure().invoke(e -> metrics.upload(e instanceof ApiException refusal ? refusal.code() : "error"));
    }

    private Uni<Response> accept(String configId, List<FileUpload> sources, String idempotencyKey) {
        if (sources == null || sources.isEmpty()) {
            throw ApiException.badRequest("missing_sources",
                    "Attach one or more image files as 'sources' parts (curl -F sources=@photo.jpg).");
        }
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && key.length() > MAX_IDEMPOTENCY_KEY) {
            throw ApiException.badRequest("invalid_idempotency_key", "Idempotency-Key is limited to 200 characters.");
        }
        long bytes = sources.stream().mapToLong(FileUpload::size).sum();
        boolean inline = bytes <= config.limits().inlineUploadBytes();
        // a streamed upload holds about one chunk at a time, an inline one all of its bytes
        long inMemory = inline ? bytes : 2L * blobs.chunkBytes();
        if (!budget.tryTake(inMemory)) {
            throw new ApiException(503, "server_busy", "The service is receiving many large uploads right now. Try again in "
                    + RETRY_AFTER_BUSY + " seconds.", null, RETRY_AFTER_BUSY);
        }
        DecodeLimits limits = DecodeLimits.of(config.limits().maxPixels());
        return blocking.run(() -> read(sources, inline, limits))
                .chain(read -> intake.accept(new Upload(Caller.accountId(identity), configId, read, key)))
                .onTermination().invoke(() -> budget.giveBack(inMemory))
                .map(accepted -> Response.accepted(accepted).location(URI.create("/api/v1/jobs/" + accepted.jobId())).build());
    }

    private static byte[] head(java.nio.file.Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    /**
     * The name as given, made storable: PostgreSQL text cannot hold NUL, and names are kept to
     * 1024 characters. Making it safe as a ZIP entry is the ZIP writer's job.
     */
    static String storableName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "source";
        }
        String name = fileName.replace('\u0000', '\uFFFD');
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    /**
     * Reads the spooled parts (whole when the request is stored inline, else only the head the
     * format sniffer needs); a part that is not a supported image by its bytes refuses the request.
     */
    private static List<Upload.Source> read(List<FileUpload> uploads, boolean inline, DecodeLimits limits) {
        List<Upload.Source> sources = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> notAvailable = new ArrayList<>();
        for (FileUpload upload : uploads) {
            try {
                byte[] bytes = inline ? Files.readAllBytes(upload.uploadedFile()) : head(upload.uploadedFile());
                String name = storableName(upload.fileName());
                Optional<ImageFormat> format = FormatSniffer.detect(bytes);
                if (format.isEmpty()) {
                    refused.add(name);
                } else {
                    Codecs.missingDecoder(format.get()).ifPresent(missing -> notAvailable.add(name + ": " + missing));
                }
                long pixels = DecodeMemory.pixelsOfHead(bytes, inline || bytes.length == upload.size(), limits);
                sources.add(new Upload.Source(name, upload.uploadedFile(), upload.size(), inline ? bytes : null, pixels));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!refused.isEmpty()) {
            throw new ApiException(415, "unsupported_media_type", "Not a JPEG, PNG, GIF, WebP, BMP, TIFF, HEIC or AVIF image (judged by"
                    + " its content, not its name): " + String.join(", ", refused.stream().limit(10).toList()), null, null);
        }
        if (!notAvailable.isEmpty()) {
            throw new ApiException(415, "format_not_available", String.join("; ", notAvailable.stream().limit(10).toList()),
                    null, null);
        }
        return sources;
    }
}
