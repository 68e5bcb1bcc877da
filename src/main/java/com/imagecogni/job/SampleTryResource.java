package com.imagecogni.job;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.imagecogni.common.auth.Caller;
import com.imagecogni.common.auth.Roles;

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

/** {@code POST /api/v1/configurations/try}: the dashboard's "try on a sample image" (JWT), answered with the ZIP. */
@Tag(name = "Configurations")
@Path("/api/v1/configurations/try")
public class SampleTryResource {

    /** The credits the try cost, beside the ZIP. */
    static final String CREDITS_HEADER = "Imagecogni-Credits-Charged";

    @Inject
    SampleTry tries;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Roles.USER)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({ SynchronousAnswers.ZIP, "application/problem+json" })
    @Operation(operationId = "tryConfiguration", summary = "Run unsaved operations (multipart: 'operations' as JSON"
            + " text, one 'source' image) and answer with the result ZIP; charged like a job of one source, no postback")
    @APIResponse(responseCode = "200", description = "The result ZIP; the " + CREDITS_HEADER + " header says what it cost",
            content = @Content(mediaType = SynchronousAnswers.ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    // a person who closes the tab mid-render is charged as a job would be: the try completes, is recorded, and its
    // credits add up (a cancelled Uni would skip both the record and the refund)
    @Cancellable(false)
    public Uni<Response> tryOn(@RestForm("operations") String operations, @RestForm("source") FileUpload source) {
        return Uni.createFrom().deferred(() -> tries.run(Caller.accountId(identity), operations, source))
                .map(outcome -> Response.ok(outcome.zip(), SynchronousAnswers.ZIP)
                        .header(CREDITS_HEADER, outcome.credits())
                        .header("Content-Disposition", "attachment; filename=\"try.zip\"").build());
    }
}
