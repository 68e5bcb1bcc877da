package com.imagecogni.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Answers requests over {@code imagecogni.limits.max-request-bytes} with a 413 problem+json: at
 * once when Content-Length says so, and when a streamed body crosses the limit. Without this the
 * HTTP layer closes the connection with an empty 413.
 */
@ApplicationScoped
public class RequestLimits {

    @Inject
    ImagecogniConfig config;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength).failureHandler(this::tooLarge);
    }

    private void checkDeclaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > config.limits().maxRequestBytes()) {
                    reject(ctx);
                    return;
                }
            } catch (NumberFormatException e) {
                // a malformed length is the HTTP codec's business
            }
        }
        ctx.next();
    }

    private void tooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            reject(ctx);
        } else {
            ctx.next();
        }
    }

    private void reject(RoutingContext ctx) {
        Problem problem = Problem.of(413, "payload_too_large", "The request is larger than "
                + config.limits().maxRequestBytes() + " bytes. Send fewer or smaller sources per job.", ctx.request().path(),
                null);
        try {
            // the rest of the body is not read: close the connection after the answer
            ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
