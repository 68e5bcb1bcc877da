package com.imagecogni.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Fetches one source URL into a file, with the postback's rules ({@link UrlRules}): every hop's host is resolved and
 * checked once and the connection goes to that checked address while Host and TLS SNI still name the host; up to
 * {@value #MAX_REDIRECTS} redirects, each Location (relative ones resolved against the URL that answered) checked
 * again from the start; at most {@code maxBytes}, counted as the body streams in (a larger Content-Length is refused
 * before the body is read, a longer body is cut at the byte past the limit, never buffered); a connect timeout per
 * connection and one total timeout for all hops and the body. Nothing of the answer is trusted but its bytes: what
 * they are is for the decoder to say.
 *
 * <p>{@link #fetch} blocks (name lookups, waiting for the exchange): call it on a worker thread, never on the event
 * loop. The exchange itself runs on Vert.x, the body written to the file asynchronously with back-pressure.
 */
public final class SourceFetcher implements AutoCloseable {

    /** Redirects followed for one source (SPEC section 6). */
    public static final int MAX_REDIRECTS = 3;

    /** The time a caller waits beyond the exchange's own timer, which always ends it first. */
    private static final long GRACE_MILLIS = 5_000;

    private final Vertx vertx;
    private final Settings settings;
    private final HttpClient client;

    /**
     * How sources are fetched.
     *
     * @param use how refusals are worded ("source URLs must point to a public address")
     * @param allowPrivate {@code imagecogni.fetch.allow-private-networks}
     * @param maxBytes the most one source may be
     * @param connectTimeout per connection (TCP and TLS)
     * @param totalTimeout per source, redirects and body included
     * @param concurrency connections open at once (fetches of different sources of this replica)
     */
    public record Settings(UrlRules.Use use, boolean allowPrivate, long maxBytes, Duration connectTimeout,
            Duration totalTimeout, int concurrency) {
    }

    /** A fetched source: its bytes in the file, how many there are, and the redirects followed to them. */
    public record Fetched(long bytes, int status, int redirects) {
    }

    public SourceFetcher(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
        // no keep-alive: a connection never outlives its fetch; no decompression: the bytes counted are the bytes stored
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                .setMaxPoolSize(Math.max(1, settings.concurrency())).setConnectTimeout(intMillis(settings.connectTimeout()))
                .setVerifyHost(true).setForceSni(true).setDecompressionSupported(false).setMaxRedirects(0));
    }

    /**
     * Fetches {@code url} into {@code into} (created or truncated) within {@code budget} (at most the total timeout).
     * Blocks; call it on a worker thread.
     *
     * @throws FetchFailedException when the URL or a redirect is refused, the origin answers other than 2xx, the body
     *         is too large, or the time runs out; {@code into} may then hold part of a body
     */
    public Fetched fetch(String url, Path into, Duration budget) throws FetchFailedException {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("a fetch looks names up and waits: it must not run on an event loop");
        }
        Duration limit = budget.compareTo(settings.totalTimeout()) < 0 ? budget : settings.totalTimeout();
        long deadline = System.nanoTime() + limit.toNanos();
        UrlRules.Target target = target(url, null);
        URI current = URI.create(url);
        for (int redirects = 0;; redirects++) {
            Hop hop = exchange(target, into, deadline, limit);
            if (hop instanceof Body body) {
                return new Fetched(body.bytes(), body.status(), redirects);
            }
            Redirect redirect = (Redirect) hop;
            if (redirects == MAX_REDIRECTS) {
                throw new FetchFailedException("upstream redirected more than " + MAX_REDIRECTS + " times", redirect.status());
            }
            current = follow(current, redirect);
            target = target(current.toASCIIString(), redirect.status());
        }
    }

    /**
     * The URL a redirect leads to: its Location resolved against the URL that answered (a relative reference, a
     * network-path reference {@code //host/x}, or an absolute URL). A fragment stays on it and is never sent.
     */
    static URI follow(URI current, Redirect redirect) throws FetchFailedException {
        if (redirect.location() == null || redirect.location().isBlank()) {
            throw new FetchFailedException("upstream answered " + redirect.status() + " without a Location", redirect.status());
        }
        try {
            // java.net.URI resolves against an empty path as if it were "" rather than "/" (http://a.example + b = http://a.exampleb)
            URI base = current.getRawPath() == null || current.getRawPath().isEmpty()
                    ? new URI(current.getScheme() + "://" + current.getRawAuthority() + "/"
                            + (current.getRawQuery() == null ? "" : "?" + current.getRawQuery()))
                    : current;
            return base.resolve(new URI(redirect.location().trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchFailedException("upstream redirected (" + redirect.status() + ") to an invalid URL",
                    redirect.status());
        }
    }

    /**
     * The checked destination of {@code url}, or the refusal as a fetch failure; {@code redirectStatus} is the status
     * of the redirect that led to it (null for the source's own URL). Looks the host up (blocking).
     */
    UrlRules.Target target(String url, Integer redirectStatus) throws FetchFailedException {
        try {
            return UrlRules.resolve(url, settings.use(), settings.allowPrivate());
        } catch (UrlRules.RefusedTarget refused) {
            // a name that does not resolve is not a refusal, but the fetch fails the same
            String why = refused.unresolved() ? refused.getMessage() : "refused: " + refused.getMessage();
            throw new FetchFailedException(redirectStatus == null ? why
                    : "upstream redirected (" + redirectStatus + ") where sources may not be fetched from: "
                            + refused.getMessage(), redirectStatus);
        }
    }

    /** One request and its answer: a body (2xx, written to the file), a redirect, or a failure. */
    private Hop exchange(UrlRules.Target target, Path into, long deadline, Duration limit) throws FetchFailedException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw timedOut(limit);
        }
        Exchange exchange = new Exchange(target, into);
        Future<Hop> answer = exchange.run(remaining);
        try {
            return answer.toCompletionStage().toCompletableFuture().get(remaining + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.fail(e);
            throw new FetchFailedException("the fetch was interrupted", null);
        } catch (TimeoutException e) {
            exchange.fail(e);
            throw timedOut(limit);
        } catch (ExecutionException e) {
            throw describe(e.getCause(), target, limit);
        }
    }

    private static FetchFailedException timedOut(Duration limit) {
        return new FetchFailedException("no complete answer within " + seconds(limit), null);
    }

    /** What a customer reads of a failed exchange: the host, never the address it resolved to. */
    private FetchFailedException describe(Throwable failure, UrlRules.Target target, Duration limit) {
        if (failure instanceof FetchFailedException known) {
            return known;
        }
        if (failure instanceof TimeoutException) {
            return timedOut(limit);
        }
        if (failure instanceof ConnectTimeoutException) {
            return new FetchFailedException("no connection to " + target.host() + ":" + target.port() + " within "
                    + seconds(settings.connectTimeout()), null);
        }
        String message = failure.getMessage();
        return new FetchFailedException("connection to " + target.host() + ":" + target.port() + " failed"
                + (message == null ? "" : ": " + target.withoutAddress(message)), null);
    }

    @Override
    public void close() {
        client.close();
    }

    /** What one request got. */
    sealed interface Hop permits Body, Redirect {
    }

    /** A 2xx answer whose body is in the file. */
    record Body(int status, long bytes) implements Hop {
    }

    /** A 3xx answer naming where to go next. */
    record Redirect(int status, String location) implements Hop {
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * One GET on the wire. Whatever ends it (the body's end, the limit, the timer, a failure) ends it once; every end
     * but a complete body resets the request, which closes its connection (there is no keep-alive).
     */
    private final class Exchange {
        private final UrlRules.Target target;
        private final Path into;
        private final Promise<Hop> result = Promise.promise();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile HttpClientRequest request;
        private volatile AsyncFile file;
        private long received;

        Exchange(UrlRules.Target target, Path into) {
            this.target = target;
            this.into = into;
        }

        Future<Hop> run(long timeoutMillis) {
            long timer = vertx.setTimer(timeoutMillis, id -> fail(new TimeoutException("total timeout")));
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host())
                    .setPort(target.port()).setSsl(target.ssl()).setURI(target.pathAndQuery())
                    .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                    .setFollowRedirects(false).setConnectTimeout(Math.min(timeoutMillis, millis(settings.connectTimeout())))
                    .putHeader("User-Agent", "imagecogni-fetch/1").putHeader("Accept", "image/*");
            client.request(options).onComplete(created -> {
                if (created.failed()) {
                    fail(created.cause());
                    return;
                }
                request = created.result();
                request.exceptionHandler(this::fail);
                if (finished.get()) {
                    request.reset();
                    return;
                }
                request.send().onComplete(answer -> {
                    if (answer.failed()) {
                        fail(answer.cause());
                    } else {
                        answer(answer.result());
                    }
                });
            });
            return result.future().onComplete(done -> vertx.cancelTimer(timer));
        }

        private void answer(HttpClientResponse response) {
            // before anything can reset the request: a reset with no handler is logged as an error
            response.exceptionHandler(this::fail);
            int status = response.statusCode();
            if (isRedirect(status)) {
                end(new Redirect(status, response.getHeader("Location")));
                return;
            }
            if (status < 200 || status > 299) {
                fail(new FetchFailedException("upstream answered " + status, status));
                return;
            }
            String length = response.getHeader("Content-Length");
            if (length != null && length.trim().matches("\\d{1,18}") && Long.parseLong(length.trim()) > settings.maxBytes()) {
                fail(tooLarge());
                return;
            }
            response.pause();
            vertx.fileSystem().open(into.toString(), new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
                    .onComplete(opened -> {
                        if (opened.failed()) {
                            fail(opened.cause());
                            return;
                        }
                        file = opened.result();
                        if (finished.get()) {
                            file.close();
                            return;
                        }
                        file.exceptionHandler(this::fail);
                        response.handler(chunk -> write(response, chunk));
                        response.endHandler(ignored -> file.close().onComplete(closed -> {
                            if (closed.failed()) {
                                fail(closed.cause());
                            } else {
                                succeed(new Body(status, received));
                            }
                        }));
                        response.resume();
                    });
        }

        /** Counts the chunk in before writing it: the byte past the limit ends the fetch, and is never written. */
        private void write(HttpClientResponse response, Buffer chunk) {
            if (finished.get()) {
                return;
            }
            received += chunk.length();
            if (received > settings.maxBytes()) {
                fail(tooLarge());
                return;
            }
            file.write(chunk);
            if (file.writeQueueFull()) {
                response.pause();
                file.drainHandler(ignored -> response.resume());
            }
        }

        private FetchFailedException tooLarge() {
            return new FetchFailedException("the source is larger than " + settings.maxBytes() + " bytes, the most one"
                    + " source may be", null);
        }

        /** A redirect: the request is done with, its body unread. */
        private void end(Hop hop) {
            if (finished.compareAndSet(false, true)) {
                reset();
                result.complete(hop);
            }
        }

        private void succeed(Hop hop) {
            if (finished.compareAndSet(false, true)) {
                result.complete(hop);
            }
        }

        void fail(Throwable cause) {
            if (finished.compareAndSet(false, true)) {
                reset();
                AsyncFile open = file;
                if (open != null) {
                    open.close();
                }
                result.tryFail(cause);
            }
        }

        /** Resets the request and closes its connection: nothing more of the answer is read. */
        private void reset() {
            HttpClientRequest current = request;
            if (current != null) {
                current.reset();
                if (current.connection() != null) {
                    current.connection().close();
                }
            }
        }
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }

    private static int intMillis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
