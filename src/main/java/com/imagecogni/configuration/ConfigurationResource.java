package com.imagecogni.configuration;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.imagecogni.common.auth.Caller;
import com.imagecogni.common.auth.Roles;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Media Operations: versioned configurations, usable with a JWT or an API key. The bodies are read as JSON trees by
 * {@link ConfigurationReader} (every bad field reported with its path); the document describes them with
 * {@link ConfigurationSchemas}' schemas, built from the reader's own field list. The operation ids name the methods of
 * a generated client ({@code ConfigurationsApi.createConfiguration}, ...).
 */
@Tag(name = "Configurations")
@Path("/api/v1/configurations")
@RolesAllowed({ Roles.USER, Roles.API_KEY })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConfigurationResource {

    static final String SPEC_EXAMPLE = """
            {"name": "product-images", "postbackUrl": "https://shop.example.com/hooks/images",
             "operations": [
               {"type": "resize", "fit": "contain",
                "sizes": [{"width": 1200, "height": 630}, {"percent": 50}, {"template": "instagram-square"}]},
               {"type": "compress", "quality": 80},
               {"type": "convert", "formats": ["webp", "jpeg"]}]}""";

    @Inject
    ConfigurationService service;

    @Inject
    SecurityIdentity identity;

    @POST
    @Operation(operationId = "createConfiguration",
            summary = "Save a new configuration (version 1); reports creditsPerSource and a cheaper-order hint")
    @APIResponse(responseCode = "201", description = "Saved as version 1",
            headers = @Header(name = "Location", description = "The new configuration",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigurationView.class)))
    public Uni<Response> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = ConfigurationSchemas.CONFIGURATION_REQUEST),
            examples = @ExampleObject(name = "SPEC example", value = SPEC_EXAMPLE))) JsonNode body) {
        return service.requireAllowedPostbackAddress(body).chain(() -> service.create(Caller.accountId(identity), body))
                .map(view -> Response.created(URI.create("/api/v1/configurations/" + view.id())).entity(view).build());
    }

    /** The answer of the estimate: what one source costs, the cheapest order's cost and the hint. */
    @RegisterForReflection
    public record Estimate(int creditsPerSource, int cheapestCreditsPerSource, String hint) {
    }

    /** Lets an editor (the dashboard's Media Operations) show the cost while the operations change; saves nothing. */
    @POST
    @Path("/estimate")
    @Operation(operationId = "estimateConfiguration",
            summary = "Validate operations and estimate credits per source without saving (422 lists every bad field)")
    public Uni<Estimate> estimate(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = ConfigurationSchemas.OPERATIONS_REQUEST))) JsonNode body) {
        return service.estimate(Caller.accountId(identity), body).map(estimate -> new Estimate(estimate.creditsPerSource(),
                estimate.cheapestCreditsPerSource(), estimate.hint().orElse(null)));
    }

    @GET
    @Operation(operationId = "listConfigurations", summary = "The configurations (current versions)")
    public Uni<List<ConfigurationView>> list() {
        return service.list(Caller.accountId(identity));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getConfiguration", summary = "A configuration's current version")
    public Uni<ConfigurationView> get(@PathParam("id") UUID id) {
        return service.get(Caller.accountId(identity), id);
    }

    /** A past version, as the jobs that ran on it saw it. */
    @GET
    @Path("/{id}/versions/{version}")
    @Operation(operationId = "getConfigurationVersion", summary = "An earlier version, as the jobs that ran on it saw it")
    public Uni<ConfigurationView> version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return service.getVersion(Caller.accountId(identity), id, version);
    }

    /** Saves a new version; jobs already accepted keep running on the version they were accepted with. */
    @PUT
    @Path("/{id}")
    @Operation(operationId = "updateConfiguration", summary = "Save a new version")
    public Uni<ConfigurationView> update(@PathParam("id") UUID id, @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ConfigurationSchemas.CONFIGURATION_REQUEST)))
            JsonNode body) {
        return service.requireAllowedPostbackAddress(body).chain(() -> service.update(Caller.accountId(identity), id, body));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteConfiguration", summary = "Delete; jobs that ran on it keep their version")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(Caller.accountId(identity), id).replaceWith(Response.noContent().build());
    }
}
