package com.imagecogni.delivery;

import com.imagecogni.queue.AttemptOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.imagecogni.common.Blocking;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.outbound.UrlRules;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Sends one signed postback and reports what happened, never throwing. The host is resolved and
 * checked once, and the connection goes to that checked address while Host and TLS SNI still
 * name the host — a second DNS answer (rebinding) is never used. Redirects are not followed.
 * Every attempt has its own connection, closed when the attempt ends however it ends.
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
        ImagecogniConfig.Postback postback = config.postback();
        // no keep-alive: a connection never outlives its attempt, so nothing pooled can hold a body or a socket;
        // idle timeouts close a connection the attempt's own deadline somehow missed; the pool never makes a claimed
        // postback wait for a connection (the pool is per host: one receiver may get every slot)
        client = vertx.getDelegate().createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(Math.max(1, postback.concurrency())).setKeepAlive(false)
                .setConnectTimeout(millis(postback.connectTimeout())).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(millis(postback.idleTimeout())).setReadIdleTimeout(millis(postback.readIdleTimeout()))
                .setVerifyHost(true).setForceSni(true).setDecompressionSupported(false));
    }

    /** Refuses to start when an idle timeout would cut a receiver that answers within the postback timeout. */
    void check(@Observes StartupEvent event) {
        ImagecogniConfig.Postback postback = config.postback();
        requireLonger("idle-timeout", postback.idleTimeout(), postback.timeout());
        requireLonger("read-idle-timeout", postback.readIdleTimeout(), postback.timeout());
    }

    /** What one attempt got: the HTTP status (null when none arrived) and an error text. */
    public record Outcome(Integer status, String error, long durationMs) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }

        public boolean gone() {
            return status != null && status == 410;
        }

        /** What the attempt is recorded as. */
        public AttemptOutcome recorded() {
            return delivered() ? AttemptOutcome.DELIVERED : gone() ? AttemptOutcome.GONE : AttemptOutcome.FAILED;
        }
    }

    /** One postback: where it goes, its webhook id, the secret that signs it, and what it carries. */
    public record Postback(String url, String webhookId, String secret, PostbackContent content) {
    }

    /** A postback ready to send: where to, and the exact body (in chunks, the result not copied) with its signature. */
    private record Prepared(UrlRules.Target target, PostbackContent.Body body, long timestamp, String signature) {
    }

    public Uni<Outcome> send(Postback postback) {
        long start = System.nanoTime();
        // DNS and hashing a result of many megabytes stay off the event loop
        return blocking.run(() -> prepare(postback))
                .chain(prepared -> post(prepared, postback.webhookId())
                        .map(status -> outcome(status, null, start))
                        .onFailure().recoverWithItem(failure -> outcome(null, AttemptErrors.describe(failure, prepared.target()),
                                start)))
                .onFailure().recoverWithItem(failure -> outcome(null, AttemptErrors.describe(failure, null), start));
    }

    private Prepared prepare(Postback postback) {
        UrlRules.Target target = targets.resolve(postback.url());
        long timestamp = Instant.now().getEpochSecond();
        // the body states the same second as the webhook-timestamp header
        PostbackContent.Body body = postback.content().render(Instant.ofEpochSecond(timestamp));
        return new Prepared(target, body, timestamp,
                WebhookSigner.sign(postback.secret(), postback.webhookId(), timestamp, body.chunks()));
    }

    private Uni<Integer> post(Prepared prepared, String webhookId) {
        UrlRules.Target target = prepared.target();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.host())
                .setPort(target.port()).setSsl(target.ssl()).setURI(target.pathAndQuery())
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .putHeader("Content-Type", prepared.body().contentType())
                .putHeader("Content-Length", Long.toString(prepared.body().length()))
                .putHeader("User-Agent", "imagecogni-postback/1")
                .putHeader("webhook-id", webhookId)
                .putHeader("webhook-timestamp", Long.toString(prepared.timestamp()))
                .putHeader("webhook-signature", prepared.signature());
        return UniHelper.toUni(PostbackExchange.run(vertx.getDelegate(), client, request, prepared.body().chunks(),
                config.postback().timeout()));
    }

    private static Outcome outcome(Integer status, String error, long start) {
        String text = error;
        if (text == null && status != null && (status < 200 || status >= 300)) {
            text = "answered " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
        }
        return new Outcome(status, text, (System.nanoTime() - start) / 1_000_000);
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }

    private static void requireLonger(String name, Duration idle, Duration timeout) {
        if (idle.compareTo(timeout) <= 0) {
            throw new IllegalStateException("imagecogni.postback." + name + " (" + idle + ") must be longer than"
                    + " imagecogni.postback.timeout (" + timeout + "), or it would cut receivers that answer in time");
        }
    }
}
