package com.imagecogni.account.login;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.UUID;

import com.imagecogni.common.ClientAddress;
import com.imagecogni.common.auth.Caller;
import com.imagecogni.common.auth.Roles;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Sign in for a JWT, and a check of whichever credentials a caller sends. */
@Tag(name = "Accounts")
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    LoginService login;

    @Inject
    SecurityIdentity identity;

    /** Body of sign-in. */
    public record Credentials(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password) {
    }

    /** Answer of sign-in. */
    @RegisterForReflection
    public record AccessToken(String accessToken, String tokenType, long expiresIn) {
    }

    /** Answer of whoami: which account and mechanism the credentials stand for, seen from which address. */
    @RegisterForReflection
    public record WhoAmI(UUID accountId, String authenticatedWith, String clientAddress) {
    }

    @POST
    @Path("/token")
    @PermitAll
    @Operation(summary = "Sign in for a JWT")
    public Uni<AccessToken> token(@Valid @NotNull Credentials body, @Context HttpServerRequest request) {
        return login.login(body.email(), body.password(), ClientAddress.of(request))
                .map(token -> new AccessToken(token.accessToken(), "Bearer", token.expiresIn()));
    }

    /** Lets a backend check its API key and allow-listed address (or a user their token) without side effects. */
    @NonBlocking
    @GET
    @Path("/whoami")
    @RolesAllowed({ Roles.USER, Roles.API_KEY })
    @Operation(summary = "Check credentials: which account, which mechanism, seen from which address")
    public WhoAmI whoami(@Context HttpServerRequest request) {
        return new WhoAmI(Caller.accountId(identity), identity.hasRole(Roles.API_KEY) ? "api_key" : "jwt",
                ClientAddress.of(request));
    }
}
