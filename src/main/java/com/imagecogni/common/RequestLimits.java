package com.imagecogni.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Answers requests over their size limit with a 413 problem+json: a multipart upload over
 * {@code imagecogni.limits.max-request-bytes}, any other body (JSON) over {@code max-json-bytes}. At once
 * when Content-Length says so, and when a streamed body crosses the limit. Without this the HTTP layer
 * closes the connection with an empty 413, and a 40 MB JSON body would be parsed into a tree first.
 */
@ApplicationScoped
public class RequestLimits {

    @Inject
    ImagecogniConfig config;

    @Inject
    ObjectMapper json;

    private BodyHandler streamedJson;

    void install(@Observes Router router) {
        // reads a chunked JSON body itself, counting as it goes; REST endpoints then take the buffered body
        streamedJson = BodyHandler.create(false).setBodyLimit(config.limits().maxJsonBytes());
        router.route().order(Integer.MIN_VALUE).handler(this::checkLength).failureHandler(this::tooLarge);
    }

    private void checkLength(RoutingContext ctx) {
        long limit = limitOf(ctx);
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    reject(ctx, limit);
                    return;
                }
            } catch (NumberFormatException e) {
                // a malformed length is the HTTP codec's business
            }
        } else if (!isMultipart(ctx) && ctx.request().version() != HttpVersion.HTTP_2
                && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // chunked: count the bytes as they arrive. (An HTTP/2 stream cannot be read here: REST pauses the request
            // afterwards, which HTTP/2 refuses once it has ended; JsonBodyLimit bounds those bodies instead.)
            streamedJson.handle(ctx);
            return;
        }
        ctx.next();
    }

    private void tooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            reject(ctx, limitOf(ctx));
        } else {
            ctx.next();
        }
    }

    private long limitOf(RoutingContext ctx) {
        return isMultipart(ctx) ? config.limits().maxRequestBytes() : config.limits().maxJsonBytes();
    }

    private static boolean isMultipart(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    private void reject(RoutingContext ctx, long limit) {
        String advice = isMultipart(ctx) ? "Send fewer or smaller sources per job." : "JSON bodies are limited to this size.";
        Problem problem = Problem.of(413, "payload_too_large", "The request is larger than " + limit + " bytes. " + advice,
                ctx.request().path(), null);
        try {
            // the rest of the body is not read: close the connection after the answer
            ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
