package com.imagecogni.delivery;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.auth.Caller;
import com.imagecogni.common.auth.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The account's postback signing secret: shown to its owner, rotated on demand. */
@Tag(name = "Postbacks")
@Path("/api/v1/account/webhook-secret")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {

    @Inject
    Pool pool;

    @Inject
    SecurityIdentity identity;

    /** Every account has one from sign-up on (migration V9 gave one to older accounts); reading it writes nothing. */
    @GET
    @Operation(summary = "The account's postback signing secret (whsec_…), created with the account")
    public Uni<Map<String, String>> get() {
        UUID accountId = Caller.accountId(identity);
        return pool.preparedQuery("select webhook_secret from account where id = $1").execute(Tuple.of(accountId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("account_not_found", "The account no longer exists.");
                    }
                    String secret = rows.iterator().next().getString("webhook_secret");
                    if (secret == null) {
                        throw new IllegalStateException("account " + accountId + " has no webhook secret");
                    }
                    return Map.of("secret", secret);
                });
    }

    /** A new secret takes effect for the next postback attempt; the old one stops at once. */
    @POST
    @Path("/rotate")
    @Operation(summary = "Replace the signing secret; the old one stops at once")
    public Uni<Map<String, String>> rotate() {
        UUID accountId = Caller.accountId(identity);
        String secret = WebhookSigner.newSecret();
        return pool.preparedQuery("update account set webhook_secret = $2 where id = $1").execute(Tuple.of(accountId, secret))
                .map(ignored -> Map.of("secret", secret));
    }
}
