package com.imagecogni.common.auth;

/** Role names and identity attributes shared by the JWT and API-key mechanisms. */
public final class Roles {

    /** A person signed in with a JWT (dashboard, account management). */
    public static final String USER = "user";
    /** An operator; granted to the emails in {@code imagecogni.admin-emails}. */
    public static final String ADMIN = "admin";
    /** A backend calling with an API key from an active allow-listed address. */
    public static final String API_KEY = "apikey";

    /** Identity attribute: the account id (UUID string) for both mechanisms. */
    public static final String ATTR_ACCOUNT_ID = "imagecogni.account-id";
    /** Identity attribute: the API key id, for API-key callers. */
    public static final String ATTR_API_KEY_ID = "imagecogni.api-key-id";
    /** Identity attribute: the caller's address when a valid key was used from a non-allow-listed one. */
    public static final String ATTR_DENIED_ADDRESS = "imagecogni.denied-address";

    private Roles() {
    }
}
