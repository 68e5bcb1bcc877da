package com.imagecogni.account;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.Map;
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
import jakarta.validation.constraints.Email;
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
import jakarta.ws.rs.core.Response;

/** Sign up, verify the email, and read "My Plan". */
@Tag(name = "Accounts")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    SignUpService signUp;

    @Inject
    VerificationService verification;

    @Inject
    AccountOverviewService overview;

    @Inject
    SecurityIdentity identity;

    /** Body of sign-up. */
    public record SignUp(@NotBlank @Email @Size(max = 254) String email) {
    }

    /** Body of verification. */
    public record Verify(@NotBlank @Size(max = 200) String token,
            @NotNull @Size(min = 12, max = 1024, message = "must be between 12 and 1024 characters") String password) {
    }

    /** Answer of verification. */
    @RegisterForReflection
    public record Verified(UUID accountId, String email) {
    }

    @NonBlocking
    @POST
    @Path("/accounts")
    @PermitAll
    @Operation(summary = "Sign up; the answer never tells whether the email exists")
    public Response signUp(@Valid @NotNull SignUp body) {
        signUp.signUpInBackground(body.email());
        return Response.accepted(Map.of("status", "verification_sent")).build();
    }

    @POST
    @Path("/accounts/verify")
    @PermitAll
    @Operation(summary = "Verify the email with the link's token and set the password; allow-lists the caller's address")
    public Uni<Verified> verify(@Valid @NotNull Verify body, @Context HttpServerRequest request) {
        return verification.verify(body.token().trim(), body.password(), ClientAddress.of(request))
                .map(account -> new Verified(account.id, account.email));
    }

    @GET
    @Path("/account")
    @RolesAllowed(Roles.USER)
    @Operation(summary = "My Plan: plan, limits, features, credits, usage")
    public Uni<AccountOverviewService.Overview> myPlan() {
        return overview.overview(Caller.accountId(identity));
    }
}
