package com.imagecogni.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestMulti;

import com.imagecogni.common.ApiException;
import com.imagecogni.storage.BlobNotFoundException;
import com.imagecogni.storage.BlobStore;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * The result ZIP behind a signed link of a JSON postback ({@link ResultLinks}): no API key, any address; the link's
 * signature and expiry are the whole authorisation.
 */
@Tag(name = "Postbacks")
@Path(ResultLinks.PATH + "{jobId}")
@PermitAll
public class ResultLinkResource {

    private static final String FIND = """
            select a.webhook_secret, r.blob_key
              from job j join account a on a.id = j.account_id
              left join job_result r on r.job_id = j.id
             where j.id = $1""";

    @Inject
    Pool pool;

    @Inject
    BlobStore blobs;

    @GET
    @Produces("application/zip")
    @SecurityRequirementsSet
    @Operation(summary = "The result ZIP of a JSON postback's result.url (signed link; no API key)")
    @APIResponse(responseCode = "200", description = "The result ZIP (Content-Disposition names it {jobId}.zip)",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "403", description = "result_link_invalid: the signature does not match (the webhook"
            + " secret was rotated, or the link was altered)")
    @APIResponse(responseCode = "410", description = "result_link_expired, or result_not_available: retention deleted it")
    public RestMulti<Buffer> download(@PathParam("jobId") UUID jobId,
            @Parameter(description = "the link's expiry, epoch seconds") @RestQuery String expires,
            @Parameter(description = "the link's signature") @RestQuery String signature) {
        Uni<BlobStore.Blob> blob = pool.preparedQuery(FIND).execute(Tuple.of(jobId)).chain(rows -> {
            Row row = rows.size() == 0 ? null : rows.iterator().next();
            OptionalLong parsed = epochSeconds(expires);
            // an unknown job answers as a bad signature does: the link says nothing about which jobs exist
            if (row == null || parsed.isEmpty()
                    || !ResultLinks.signedBy(row.getString("webhook_secret"), jobId, parsed.getAsLong(), signature)) {
                throw ApiException.forbidden("result_link_invalid", "This result link is not valid: it was altered, or the"
                        + " account's webhook secret was rotated since it was sent. The job status has the result.");
            }
            long expiry = parsed.getAsLong();
            if (Instant.now().getEpochSecond() >= expiry) {
                throw gone("result_link_expired", "This result link expired at " + Instant.ofEpochSecond(expiry) + ".");
            }
            if (row.getString("blob_key") == null) {
                throw gone("result_not_available", "Job " + jobId + " has no result any more.");
            }
            return blobs.open(row.getString("blob_key"));
        }).onFailure(BlobNotFoundException.class).transform(e -> gone("result_not_available",
                "Job " + jobId + " has no result any more."));
        return RestMulti.fromUniResponse(blob, BlobStore.Blob::content, found -> Map.of(
                "Content-Type", List.of("application/zip"),
                "Content-Length", List.of(Long.toString(found.size())),
                "Content-Disposition", List.of("attachment; filename=\"" + jobId + ".zip\""),
                // the link is a credential: keep it and the bytes out of shared caches
                "Cache-Control", List.of("private, no-store")));
    }

    /** The expiry, if it is one the service could have written: whole seconds from 1970 to the largest Instant. */
    private static OptionalLong epochSeconds(String expires) {
        if (expires == null || expires.isEmpty() || expires.length() > 17 || !expires.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long seconds = Long.parseLong(expires);
        return seconds <= Instant.MAX.getEpochSecond() ? OptionalLong.of(seconds) : OptionalLong.empty();
    }

    private static ApiException gone(String code, String detail) {
        return new ApiException(Response.Status.GONE, code, detail);
    }
}
