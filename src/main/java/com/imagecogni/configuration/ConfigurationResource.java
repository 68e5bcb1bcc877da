package com.imagecogni.configuration;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.imagecogni.common.auth.Caller;
import com.imagecogni.common.auth.Roles;

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

/** Media Operations: versioned configurations, usable with a JWT or an API key. */
@Path("/api/v1/configurations")
@RolesAllowed({ Roles.USER, Roles.API_KEY })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConfigurationResource {

    @Inject
    ConfigurationService service;

    @Inject
    PostbackUrlGuard urlGuard;

    @Inject
    SecurityIdentity identity;

    @POST
    public Uni<Response> create(JsonNode body) {
        return urlGuard.check(body).chain(() -> service.create(Caller.accountId(identity), body)).map(view -> Response
                .created(URI.create("/api/v1/configurations/" + view.id())).entity(view).build());
    }

    @GET
    public Uni<List<ConfigurationView>> list() {
        return service.list(Caller.accountId(identity));
    }

    @GET
    @Path("/{id}")
    public Uni<ConfigurationView> get(@PathParam("id") UUID id) {
        return service.get(Caller.accountId(identity), id);
    }

    /** A past version, as the jobs that ran on it saw it. */
    @GET
    @Path("/{id}/versions/{version}")
    public Uni<ConfigurationView> version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return service.getVersion(Caller.accountId(identity), id, version);
    }

    /** Saves a new version; jobs already accepted keep running on the version they were accepted with. */
    @PUT
    @Path("/{id}")
    public Uni<ConfigurationView> update(@PathParam("id") UUID id, JsonNode body) {
        return urlGuard.check(body).chain(() -> service.update(Caller.accountId(identity), id, body));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(Caller.accountId(identity), id).replaceWith(Response.noContent().build());
    }
}
