package com.imagecogni.common.auth;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.imagecogni.common.Hashing;
import com.imagecogni.common.IpAddresses;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves an API key to its account in one query (key, account, active allow-list), then
 * decides whether the caller's address may use it. A valid key from a non-allow-listed address
 * yields an identity without the {@code apikey} role, so the endpoint answers 403 ip_not_allowed.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);

    private static final String LOOKUP = """
            select k.id, k.account_id, k.key_hash,
                   k.last_used_at is null or k.last_used_at < now() - interval '1 minute' as touch_due,
                   coalesce(array_agg(i.address) filter (where i.active), '{}') as addresses
              from api_key k
              join account a on a.id = k.account_id and a.status = 'active'
              left join allowed_ip i on i.account_id = k.account_id
             where k.key_hash = $1 and k.revoked_at is null
             group by k.id, k.account_id, k.key_hash, k.last_used_at""";

    // one write per key per minute at most: lastUsedAt is for display, not for auditing every call. The lookup says
    // when one is due, so the other calls of the minute send no statement; the condition here keeps two replicas (or
    // two calls at once) that both saw it due from writing twice.
    private static final String TOUCH = """
            update api_key set last_used_at = now()
             where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')""";

    @Inject
    Pool pool;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        String presentedHash = Hashing.sha256Hex(request.key());
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(presentedHash)).map(rows -> toIdentity(rows, presentedHash, request));
    }

    private SecurityIdentity toIdentity(RowSet<Row> rows, String presentedHash, ApiKeyAuthenticationRequest request) {
        if (rows.size() == 0) {
            throw new AuthenticationFailedException("unknown or revoked API key");
        }
        Row row = rows.iterator().next();
        if (!Hashing.constantTimeEquals(row.getString("key_hash"), presentedHash)) {
            throw new AuthenticationFailedException("unknown or revoked API key");
        }
        UUID keyId = row.getUUID("id");
        UUID accountId = row.getUUID("account_id");
        List<String> addresses = Arrays.asList(row.getArrayOfStrings("addresses"));
        if (row.getBoolean("touch_due")) {
            touch(keyId);
        }

        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(accountId.toString()))
                .addAttribute(Roles.ATTR_ACCOUNT_ID, accountId.toString())
                .addAttribute(Roles.ATTR_API_KEY_ID, keyId.toString());
        if (IpAddresses.matchesAny(request.clientAddress(), addresses)) {
            identity.addRole(Roles.API_KEY);
        } else {
            identity.addAttribute(Roles.ATTR_DENIED_ADDRESS, request.clientAddress());
        }
        return identity.build();
    }

    private void touch(UUID keyId) {
        pool.preparedQuery(TOUCH).execute(Tuple.of(keyId)).subscribe().with(
                ignored -> { },
                failure -> LOG.warnf("could not record last use of API key %s: %s", keyId, failure.getMessage()));
    }
}
