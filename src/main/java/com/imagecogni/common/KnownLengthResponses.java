package com.imagecogni.common;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A streamed response whose length is known (a result ZIP streamed from the blob store, with its Content-Length) goes
 * out with that Content-Length alone. The REST layer marks every streamed response chunked, and HTTP/1.1 forbids
 * sending both headers (RFC 9112 §6.3): strict clients such as Node's fetch refuse such a response outright.
 * Removing Transfer-Encoding before the head is written makes the HTTP codec write the body unframed.
 */
@ApplicationScoped
public class KnownLengthResponses {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            HttpServerResponse response = ctx.response();
            ctx.addHeadersEndHandler(ignored -> {
                if (response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                        && response.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                    response.headers().remove(HttpHeaders.TRANSFER_ENCODING);
                }
            });
            ctx.next();
        });
    }
}
