package com.imagecogni.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.Blocking;
import com.imagecogni.delivery.PostbackTargets;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Refuses a configuration whose postback URL points at an internal address (SSRF), resolving its
 * host on a worker thread before anything is saved. The same check runs again at every send.
 */
@ApplicationScoped
public class PostbackUrlGuard {

    @Inject
    PostbackTargets targets;

    @Inject
    Blocking blocking;

    public Uni<Void> check(JsonNode body) {
        JsonNode url = body == null ? null : body.get("postbackUrl");
        if (url == null || !url.isTextual() || !url.asText().trim().toLowerCase(java.util.Locale.ROOT).matches("https?://.*")) {
            // absent, malformed or another scheme: the configuration's own validation reports it
            return Uni.createFrom().voidItem();
        }
        return blocking.run(() -> targets.refusalAtSave(url.asText().trim())).map(refusal -> {
            if (refusal.isPresent()) {
                throw ApiException.invalidField("postback_url_not_allowed", "$.postbackUrl", refusal.get());
            }
            return null;
        });
    }
}
