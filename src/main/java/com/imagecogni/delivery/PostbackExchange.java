package com.imagecogni.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One postback on the wire: the body goes out in slices as fast as the receiver takes them, the
 * answer's body is discarded, and when the deadline passes or anything fails the request is reset,
 * which closes its connection and frees whatever of the body is still queued on it.
 */
final class PostbackExchange {

    /** Slices small enough that a receiver that stops reading pins only a few of them, not the body. */
    static final int SLICE = 64 * 1024;
    /** Slices handed to the connection and not yet written to the socket; the next waits for one of them. */
    private static final int SLICES_IN_FLIGHT = 4;

    private final List<byte[]> body;
    private final Promise<Integer> result = Promise.promise();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile HttpClientRequest request;
    private int chunk;
    private int offset;
    private int inFlight;
    private boolean pumping;
    private boolean bodyWritten;

    private PostbackExchange(List<byte[]> body) {
        this.body = body;
    }

    /** Posts {@code body} and completes with the answer's status, or fails (TimeoutException after {@code deadline}). */
    static Future<Integer> run(Vertx vertx, HttpClient client, RequestOptions options, List<byte[]> body, Duration deadline) {
        PostbackExchange exchange = new PostbackExchange(body);
        long timer = vertx.setTimer(deadline.toMillis(),
                id -> exchange.fail(new TimeoutException("no answer within " + deadline)));
        client.request(options).onComplete(created -> {
            if (created.failed()) {
                exchange.fail(created.cause());
            } else {
                exchange.start(created.result());
            }
        });
        return exchange.result.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    private void start(HttpClientRequest created) {
        request = created;
        if (finished.get()) {
            // the deadline passed while connecting: nothing was sent, the connection goes at once
            abort(created, new TimeoutException("connected after the deadline"));
            return;
        }
        created.exceptionHandler(this::fail);
        created.response().onComplete(answer -> {
            if (answer.failed()) {
                fail(answer.cause());
            } else {
                drain(answer.result());
            }
        });
        pump();
    }

    /**
     * Writes slices while fewer than {@link #SLICES_IN_FLIGHT} wait for the socket, each write's
     * completion asking for the next; ends the request after the last. Paced by the writes
     * themselves, not by the queue's writability, so it holds from any thread it is called on.
     */
    private synchronized void pump() {
        if (pumping) {
            // a write completed inside this very loop (same thread): the loop itself takes the freed place
            return;
        }
        pumping = true;
        try {
            writeSlices();
        } finally {
            pumping = false;
        }
    }

    private void writeSlices() {
        HttpClientRequest current = request;
        while (!finished.get() && chunk < body.size() && inFlight < SLICES_IN_FLIGHT) {
            byte[] bytes = body.get(chunk);
            int length = Math.min(SLICE, bytes.length - offset);
            if (length > 0) {
                inFlight++;
                current.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes, offset, length))).onComplete(written -> written());
            }
            offset += length;
            if (offset >= bytes.length) {
                chunk++;
                offset = 0;
            }
        }
        if (!finished.get() && !bodyWritten && chunk == body.size()) {
            bodyWritten = true;
            current.end();
        }
    }

    private synchronized void written() {
        inFlight--;
        pump();
    }

    private void drain(HttpClientResponse response) {
        int status = response.statusCode();
        response.exceptionHandler(this::fail);
        response.handler(ignored -> {
        });
        response.endHandler(ignored -> succeed(status));
    }

    private synchronized void succeed(int status) {
        if (finished.compareAndSet(false, true)) {
            try {
                if (!bodyWritten || inFlight > 0) {
                    // answered before taking the whole body: the rest of it must not stay queued on the connection
                    abort(request, new IllegalStateException("answered before the whole body was sent"));
                }
            } finally {
                result.complete(status);
            }
        }
    }

    private void fail(Throwable cause) {
        if (finished.compareAndSet(false, true)) {
            try {
                HttpClientRequest current = request;
                if (current != null) {
                    abort(current, cause);
                }
            } finally {
                result.fail(cause);
            }
        }
    }

    /**
     * Resets the request and its connection at once. Vert.x 4 closes an HTTP/1 connection (reset,
     * close(), even the channel's own close()) only after its queued writes are flushed, which a
     * receiver that stopped reading never lets happen. Closing from Vert.x's own handler context,
     * as its idle timeout does, skips that wait and drops the queued writes; with SO_LINGER 0 the
     * close is a TCP reset, so the kernel drops the unsent bytes too instead of keeping them for
     * minutes on a closed socket.
     */
    private static void abort(HttpClientRequest request, Throwable cause) {
        HttpConnection connection = request.connection();
        if (connection instanceof ConnectionBase base) {
            Channel channel = base.channel();
            // before the reset, which may itself close an idle connection at once
            if (channel.isOpen()) {
                try {
                    channel.config().setOption(ChannelOption.SO_LINGER, 0);
                } catch (ChannelException closedMeanwhile) {
                    // the channel closed between the check and the option: nothing left to reset
                }
            }
            request.reset(0, cause);
            base.channelHandlerContext().close();
        } else {
            request.reset(0, cause);
            if (connection != null) {
                connection.close();
            }
        }
    }
}
