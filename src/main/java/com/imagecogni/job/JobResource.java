package com.imagecogni.job;

import com.imagecogni.queue.JobStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.common.auth.Caller;
import com.imagecogni.common.auth.Roles;
import com.imagecogni.delivery.Redeliveries;
import com.imagecogni.storage.BlobStore;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Job status, listing, the result ZIP and redelivery, with a JWT or an API key. */
@Tag(name = "Jobs")
@Path("/api/v1/jobs")
@RolesAllowed({ Roles.USER, Roles.API_KEY })
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    JobStatusService status;

    @Inject
    Redeliveries redeliveries;

    @Inject
    ResultEntries entries;

    @Inject
    ImagecogniConfig config;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "Jobs of the account, newest first, paged")
    public Uni<JobView.Page> list(
            @Parameter(description = "0-based page", schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
                    maximum = "" + PageRequest.MAX_PAGE, defaultValue = "0")) @RestQuery String page,
            @Parameter(description = "jobs per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + PageRequest.MAX_SIZE, defaultValue = "20")) @RestQuery String size) {
        return status.list(Caller.accountId(identity), PageRequest.parse(page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job: status, per-source outcome, credits, delivery attempts")
    public Uni<JobView> get(@PathParam("id") UUID id) {
        return status.get(Caller.accountId(identity), id);
    }

    @GET
    @Path("/{id}/result")
    @Produces("application/zip")
    @Operation(summary = "The result ZIP, while it is kept")
    // the method returns a stream of buffers, which the scanner would describe as an array of Vert.x buffers
    @APIResponse(responseCode = "200", description = "The result ZIP (Content-Disposition names it {id}.zip)",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public RestMulti<Buffer> result(@PathParam("id") UUID id) {
        // streamed from the blob store a chunk at a time; a missing job or result fails before the first byte (404)
        return RestMulti.fromUniResponse(status.result(Caller.accountId(identity), id), BlobStore.Blob::content,
                blob -> Map.of("Content-Type", List.of("application/zip"),
                        "Content-Length", List.of(Long.toString(blob.size())),
                        "Content-Disposition", List.of("attachment; filename=\"" + id + ".zip\"")));
    }

    @GET
    @Path("/{id}/result/{entry: .+}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "One entry of the result ZIP (an output image, manifest.json, the configuration), for previews")
    @APIResponse(responseCode = "200", description = "The entry's bytes, with the content type of its extension",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Uni<Response> resultEntry(@PathParam("id") UUID id,
            @Parameter(description = "the entry's path in the ZIP, e.g. output/800w/photo.jpg") @PathParam("entry") String entry) {
        return entries.find(Caller.accountId(identity), id, entry).map(found -> Response.ok(found.bytes(), found.contentType())
                .header("Content-Disposition", "inline; filename=\"" + found.name().substring(found.name().lastIndexOf('/') + 1)
                        .replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                // the entry of a kept result never changes; private: it is one account's
                .header("Cache-Control", "private, max-age=3600").build());
    }

    /**
     * Posts the result again, starting the retry schedule afresh: not while a delivery of the job
     * is pending or in flight (409), and once per cooldown per account (429 with Retry-After).
     */
    @POST
    @Path("/{id}/redeliver")
    @Operation(summary = "Post the result again, from the first attempt of the schedule")
    public Uni<Response> redeliver(@PathParam("id") UUID id) {
        UUID accountId = Caller.accountId(identity);
        return redeliveries.redeliver(id, accountId).chain(result -> {
            switch (result.outcome()) {
                case QUEUED:
                    return Uni.createFrom().item(Response.accepted(Map.of("status", JobStatus.DELIVERING.sql(), "jobId", id)).build());
                case IN_PROGRESS:
                    throw ApiException.conflict("delivery_in_progress", "Job " + id + " is being delivered: a postback"
                            + " attempt is pending or in flight. Redeliver once its delivery has ended.");
                case COOLING_DOWN:
                    throw ApiException.tooManyRequests("redeliver_cooldown", "One redelivery per "
                            + config.postback().redeliverCooldown().toSeconds() + " seconds per account; try again in "
                            + result.retryAfterSeconds() + " seconds.", result.retryAfterSeconds());
                default:
                    // tell a missing job from one whose result is not (or no longer) there
                    return status.requireResult(accountId, id).map(ignored -> {
                        throw ApiException.conflict("not_redeliverable", "Job " + id + " cannot be redelivered right now.");
                    });
            }
        });
    }
}
