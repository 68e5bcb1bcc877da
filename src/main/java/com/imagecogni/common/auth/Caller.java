package com.imagecogni.common.auth;

import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/** The account behind an authenticated request, whichever mechanism authenticated it. */
public final class Caller {

    private Caller() {
    }

    /** The account id: the API key's account, or the JWT subject. */
    public static UUID accountId(SecurityIdentity identity) {
        String fromKey = identity.getAttribute(Roles.ATTR_ACCOUNT_ID);
        return UUID.fromString(fromKey != null ? fromKey : identity.getPrincipal().getName());
    }
}
