package com.imagecogni.account.apikey;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.imagecogni.common.auth.Caller;
import com.imagecogni.common.auth.Roles;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** API Library: the account's API keys. */
@Tag(name = "API keys")
@Path("/api/v1/account/api-keys")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    ApiKeyService service;

    @Inject
    SecurityIdentity identity;

    /** Body of POST. */
    public record CreateKey(@NotBlank @Size(max = 100) String name) {
    }

    /** The answer of POST: the only time {@code key} is ever shown. */
    @RegisterForReflection
    public record CreatedKeyView(UUID id, String name, String key, String prefix, Instant createdAt) {
    }

    /** A key as listed: never the secret. */
    @RegisterForReflection
    public record KeyView(UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt, boolean revoked,
            Instant revokedAt) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id, key.name, key.prefix, key.createdAt, key.lastUsedAt, key.revokedAt != null, key.revokedAt);
        }
    }

    @GET
    @Operation(summary = "The API keys (never the secret)")
    public Uni<List<KeyView>> list() {
        return service.list(Caller.accountId(identity)).map(keys -> keys.stream().map(KeyView::of).toList());
    }

    @POST
    @Operation(summary = "Create an API key; the key is shown only in this answer")
    public Uni<Response> create(@Valid @NotNull CreateKey body) {
        return service.create(Caller.accountId(identity), body.name()).map(created -> Response
                .created(URI.create("/api/v1/account/api-keys/" + created.key().id))
                .entity(new CreatedKeyView(created.key().id, created.key().name, created.secret(), created.key().prefix,
                        created.key().createdAt))
                .build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a key; it stops working at once")
    public Uni<Response> revoke(@PathParam("id") UUID id) {
        return service.revoke(Caller.accountId(identity), id).replaceWith(Response.noContent().build());
    }
}
