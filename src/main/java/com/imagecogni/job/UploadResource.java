package com.imagecogni.job;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.databind.JsonNode;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.Blocking;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.common.auth.Caller;
import com.imagecogni.common.auth.Roles;
import com.imagecogni.ops.Metrics;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.storage.BlobStore;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The upload: {@code multipart/form-data} with {@code configId} and repeated {@code sources} and/or {@code
 * sourceUrls}, or JSON {@code {"configId", "sourceUrls"}}, from an API key at an allow-listed address. Quarkus spools
 * the parts to disk while they stream (and answers 413 past the request limit); reading and sniffing them runs on a
 * worker thread. Source URLs are only checked here (their form, an IP address as written); the worker fetches them.
 */
@Tag(name = "Jobs")
@Path("/api/v1/jobs")
public class UploadResource {

    private static final int MAX_IDEMPOTENCY_KEY = 200;
    private static final MediaType ZIP_TYPE = MediaType.valueOf(SynchronousAnswers.ZIP);
    private static final long RETRY_AFTER_BUSY = 5;

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
    SynchronousAnswers answers;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Roles.API_KEY)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({ MediaType.APPLICATION_JSON, SynchronousAnswers.ZIP })
    @Operation(summary = "Upload images for processing with a configuration (multipart: configId, repeated sources"
            + " and/or sourceUrls; or JSON: configId, sourceUrls). With Prefer: wait=N the answer waits up to N"
            + " seconds for the result: 200 with the job status, or the result ZIP with Accept: application/zip")
    public Uni<Response> upload(@RestForm("configId") String configId, @RestForm("sources") List<FileUpload> sources,
            @RestForm("sourceUrls") List<String> sourceUrls, @RestHeader("Idempotency-Key") String idempotencyKey,
            @Context HttpHeaders headers) {
        return answered(Uni.createFrom().deferred(() -> accept(configId, sources == null ? List.of() : sources,
                urls(sourceUrls, JobRequestReader.SOURCE_URLS), idempotencyKey)), headers);
    }

    /**
     * The same upload as JSON, with sources by URL only. Documented as the upload's {@code application/json} request
     * body (ops/JobSchemasFilter): one operation, two content types.
     */
    @POST
    @RolesAllowed(Roles.API_KEY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, SynchronousAnswers.ZIP })
    @Operation(hidden = true)
    public Uni<Response> uploadByUrl(JsonNode body, @RestHeader("Idempotency-Key") String idempotencyKey,
            @Context HttpHeaders headers) {
        return answered(Uni.createFrom().deferred(() -> {
            JobRequestReader.JobRequest request = JobRequestReader.read(body);
            return accept(request.configId(), List.of(), urls(request.sourceUrls(), "$." + JobRequestReader.SOURCE_URLS),
                    idempotencyKey);
        }), headers);
    }

    /** Counts the outcome, then answers 202, or waits for the job when the request prefers to (Prefer: wait=N). */
    private Uni<Response> answered(Uni<JobIntake.Accepted> upload, HttpHeaders headers) {
        boolean zip = headers.getAcceptableMediaTypes().stream().anyMatch(type -> type.isCompatible(ZIP_TYPE)
                && !type.isWildcardType() && !type.isWildcardSubtype());
        Optional<Duration> wait = WaitPreference.of(headers.getRequestHeader("Prefer"));
        return upload.invoke(() -> metrics.upload("accepted"))
                .onFailure().invoke(e -> metrics.upload(e instanceof ApiException refusal ? refusal.code() : "error"))
                .chain(accepted -> answers.answer(Caller.accountId(identity), accepted, wait, zip));
    }

    /** The source URLs as checked at intake (none when the request names none). */
    private List<String> urls(List<String> given, String field) {
        return given == null || given.isEmpty() ? List.of()
                : SourceUrls.check(given, field, config.fetch().maxUrls(), config.fetch().allowPrivateNetworks());
    }

    private Uni<JobIntake.Accepted> accept(String configId, List<FileUpload> sources, List<String> sourceUrls, String idempotencyKey) {
        if (sources.isEmpty() && sourceUrls.isEmpty()) {
            throw ApiException.badRequest("missing_sources", "Attach one or more image files as 'sources' parts (curl -F"
                    + " sources=@photo.jpg), or name them by URL in 'sourceUrls' parts (curl -F"
                    + " sourceUrls=https://example.com/photo.jpg).");
        }
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && key.length() > MAX_IDEMPOTENCY_KEY) {
            throw ApiException.badRequest("invalid_idempotency_key", "Idempotency-Key is limited to 200 characters.");
        }
        List<Upload.Source> byUrl = sourceUrls.stream().map(url -> Upload.Source.byUrl(SourceUrls.nameOf(url), url)).toList();
        if (sources.isEmpty()) {
            // nothing to read or hold in memory: the worker fetches every source
            return intake.accept(new Upload(Caller.accountId(identity), configId, byUrl, key));
        }
        long inline = config.limits().inlineUploadBytes();
        // a source read whole is held until it is stored; a streamed one is sniffed from its head, then read by the
        // store about one chunk at a time
        long inMemory = sources.stream().mapToLong(FileUpload::size).filter(size -> size <= inline).sum()
                + (sources.stream().anyMatch(source -> source.size() > inline) ? UploadedParts.HEAD_BYTES + 2L * blobs.chunkBytes() : 0);
        if (!budget.tryTake(inMemory)) {
            throw new ApiException(503, "server_busy", "The service is receiving many large uploads right now. Try again in "
                    + RETRY_AFTER_BUSY + " seconds.", null, RETRY_AFTER_BUSY);
        }
        DecodeLimits limits = DecodeLimits.of(config.limits().maxPixels());
        return metrics.uploadStage("read", blocking.run(() -> UploadedParts.read(sources, inline, limits)))
                .chain(read -> intake.accept(new Upload(Caller.accountId(identity), configId, concat(read, byUrl), key)))
                .onTermination().invoke(() -> budget.giveBack(inMemory));
    }

    /** Files first, in their order, then the sources by URL in theirs: the sources' positions. */
    private static List<Upload.Source> concat(List<Upload.Source> files, List<Upload.Source> byUrl) {
        List<Upload.Source> all = new ArrayList<>(files);
        all.addAll(byUrl);
        return all;
    }
}
