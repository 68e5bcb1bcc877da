package com.imagecogni.account;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.imagecogni.common.auth.Roles;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operator endpoints, for tokens carrying the {@code admin} group. */
@Tag(name = "Admin")
@Path("/api/v1/admin")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    AdminService admin;

    @Inject
    JsonWebToken jwt;

    /** Body of a plan change. */
    public record ChangePlan(@NotBlank String plan) {
    }

    /** Answer of a plan change. */
    @RegisterForReflection
    public record PlanChanged(UUID accountId, String email, String plan) {
    }

    @PUT
    @Path("/accounts/{id}/plan")
    @Operation(summary = "Change an account's plan (group admin)")
    public Uni<PlanChanged> changePlan(@PathParam("id") UUID id, @Valid @NotNull ChangePlan body) {
        String by = jwt.getClaim("email");
        return admin.changePlan(id, body.plan().trim(), by == null ? jwt.getSubject() : by)
                .map(account -> new PlanChanged(account.id, account.email, account.plan));
    }
}
