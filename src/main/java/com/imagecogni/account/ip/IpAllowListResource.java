package com.imagecogni.account.ip;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Manage IPs: the addresses the account's API keys may be used from. */
@Tag(name = "IP allow-list")
@Path("/api/v1/account/ips")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IpAllowListResource {

    @Inject
    IpAllowListService service;

    @Inject
    SecurityIdentity identity;

    /** One allow-list entry as the API shows it. */
    @RegisterForReflection
    public record IpView(UUID id, String address, boolean active, Instant createdAt) {
        static IpView of(AllowedIp entry) {
            return new IpView(entry.id, entry.address, entry.active, entry.createdAt);
        }
    }

    /** Body of POST. */
    public record AddIp(@NotBlank @Size(max = 64) String address) {
    }

    /** Body of PATCH. */
    public record ChangeIp(@NotNull Boolean active) {
    }

    @GET
    @Operation(summary = "The allow-listed addresses")
    public Uni<List<IpView>> list() {
        return service.list(Caller.accountId(identity)).map(entries -> entries.stream().map(IpView::of).toList());
    }

    @POST
    @Operation(summary = "Allow-list an IPv4/IPv6 address or CIDR block (active)")
    public Uni<Response> add(@Valid @NotNull AddIp body) {
        return service.add(Caller.accountId(identity), body.address()).map(entry -> Response
                .created(URI.create("/api/v1/account/ips/" + entry.id)).entity(IpView.of(entry)).build());
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Activate or deactivate an entry, within the plan")
    public Uni<IpView> change(@PathParam("id") UUID id, @Valid @NotNull ChangeIp body) {
        return service.setActive(Caller.accountId(identity), id, body.active()).map(IpView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an entry")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(Caller.accountId(identity), id).replaceWith(Response.noContent().build());
    }
}
