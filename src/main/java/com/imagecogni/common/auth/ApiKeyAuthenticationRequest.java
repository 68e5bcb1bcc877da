package com.imagecogni.common.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented by a caller at a given client address. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;
    private final String clientAddress;

    public ApiKeyAuthenticationRequest(String key, String clientAddress) {
        this.key = key;
        this.clientAddress = clientAddress;
    }

    public String key() {
        return key;
    }

    public String clientAddress() {
        return clientAddress;
    }
}
