package com.imagecogni.account;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Pricing: the plans and what each allows. */
@Tag(name = "Plans")
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    @Inject
    Plans plans;

    @NonBlocking
    @GET
    @PermitAll
    @Operation(summary = "The plans and what each allows")
    public List<PlanView> list() {
        return plans.all();
    }
}
