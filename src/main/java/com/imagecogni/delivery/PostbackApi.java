package com.imagecogni.delivery;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;

/** The customer's postback endpoint; the URL is given per call. Wrapped by {@link PostbackSender}. */
// the base URI is a placeholder: every call names its URL with @Url
@RegisterRestClient(configKey = "postback", baseUri = "http://localhost")
public interface PostbackApi {

    @POST
    Uni<Response> post(@Url String url, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("webhook-id") String webhookId, @HeaderParam("webhook-timestamp") String timestamp,
            @HeaderParam("webhook-signature") String signature, byte[] body);
}
