package com.imagecogni.common.auth;

/** Reads an API key from {@code Authorization: ick_…} or {@code Authorization: Bearer ick_…}. */
public final class ApiKeyHeaders {

    /** Every key starts with this, which is how an API key is told apart from a JWT. */
    public static final String PREFIX = "ick_";

    private ApiKeyHeaders() {
    }

    /** The key, or null when the header holds no API key (absent, or a JWT). */
    public static String extract(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        return value.startsWith(PREFIX) ? value : null;
    }
}
