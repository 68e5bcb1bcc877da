package com.imagecogni.delivery;

import java.time.Instant;

import com.imagecogni.common.Blocking;
import com.imagecogni.common.ImagecogniConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends one signed postback and reports what happened, never throwing. The host is resolved and
 * checked once, and the connection goes to that checked address while Host and TLS SNI still
 * name the host — a second DNS answer (rebinding) is never used. Redirects are not followed.
 */
@ApplicationScoped
public class PostbackSender {

    @Inject
    Vertx vertx;

    @Inject
    ImagecogniConfig config;

    @Inject
    PostbackTargets targets;

    @Inject
    Blocking blocking;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000).setMaxPoolSize(32)
                .setVerifyHost(true).setForceSni(true).setDecompressionSupported(false));
    }

    /** What one attempt got: the HTTP status (null when none arrived) and an error text. */
    public record Outcome(Integer status, String error, long durationMs) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }

        public boolean gone() {
            return status != null && status == 410;
        }
    }

    /** The payload of one postback. */
    public record Postback(String url, String webhookId, String secret, String jobId, String configId, byte[] zip) {
    }

    /** A postback ready to send: where to, and the exact bytes with their signature. */
    private record Prepared(PostbackTargets.Target target, String contentType, byte[] body, long timestamp, String signature) {
    }

    public Uni<Outcome> send(Postback postback) {
        long start = System.nanoTime();
        // DNS, copying a result of many megabytes into the body and hashing it all stay off the event loop
        return blocking.run(() -> prepare(postback))
                .chain(prepared -> post(prepared, postback, start)
                        .onFailure().recoverWithItem(failure -> outcome(null, AttemptErrors.describe(failure, prepared.target()),
                                start)))
                .onFailure().recoverWithItem(failure -> outcome(null, AttemptErrors.describe(failure, null), start));
    }

    private Prepared prepare(Postback postback) {
        PostbackTargets.Target target = targets.resolve(postback.url());
        MultipartBody body = new MultipartBody().file("outputZipFile", postback.jobId() + ".zip", "application/zip", postback.zip())
                .field("jobId", postback.jobId()).field("configId", postback.configId());
        byte[] bytes = body.bytes();
        long timestamp = Instant.now().getEpochSecond();
        return new Prepared(target, body.contentType(), bytes, timestamp,
                WebhookSigner.sign(postback.secret(), postback.webhookId(), timestamp, bytes));
    }

    private Uni<Outcome> post(Prepared prepared, Postback postback, long start) {
        PostbackTargets.Target target = prepared.target();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.host())
                .setPort(target.port()).setSsl(target.ssl()).setURI(target.pathAndQuery())
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .putHeader("Content-Type", prepared.contentType())
                .putHeader("User-Agent", "imagecogni-postback/1")
                .putHeader("webhook-id", postback.webhookId())
                .putHeader("webhook-timestamp", Long.toString(prepared.timestamp()))
                .putHeader("webhook-signature", prepared.signature());
        return client.request(request)
                .chain(req -> req.send(Buffer.newInstance(io.vertx.core.buffer.Buffer.buffer(
                        io.netty.buffer.Unpooled.wrappedBuffer(prepared.body())))))
                // the answer's body is not needed: drain it without keeping it
                .chain(response -> response.handler(ignored -> { }).end().replaceWith(response.statusCode()))
                .ifNoItem().after(config.postback().timeout()).fail()
                .map(status -> outcome(status, null, start));
    }

    private static Outcome outcome(Integer status, String error, long start) {
        String text = error;
        if (text == null && status != null && (status < 200 || status >= 300)) {
            text = "answered " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
        }
        return new Outcome(status, text, (System.nanoTime() - start) / 1_000_000);
    }
}
