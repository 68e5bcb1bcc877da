package com.imagecogni.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP origin on loopback that source URLs point at in tests: images, error statuses, redirects, a body that
 * never ends and one that never comes. It records every request (path and Host header) and how many body bytes each
 * endless answer managed to write before the client went away.
 */
public final class Origin implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong endlessWritten = new AtomicLong();

    /** One request as it arrived. */
    public record Request(String path, String host) {
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    public Origin() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-origin");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders().getFirst("Host")));
            Handler handler = routes.get(exchange.getRequestURI().getRawPath());
            try (exchange) {
                if (handler == null) {
                    answer(exchange, 404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8));
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException e) {
                // the client went away (as the fetcher does past a limit or a timeout)
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:port} + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code bytes} with 200 and a Content-Type that lies (the fetcher must judge the bytes). */
    public Origin serve(String path, byte[] bytes) {
        routes.put(path, exchange -> answer(exchange, 200, "text/html; charset=utf-8", bytes));
        return this;
    }

    /** Answers {@code status} with a short text body. */
    public Origin status(String path, int status) {
        routes.put(path, exchange -> answer(exchange, status, "text/plain", ("status " + status).getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Answers 302 with {@code location} (relative or absolute). */
    public Origin redirect(String path, String location) {
        return redirect(path, 302, location);
    }

    public Origin redirect(String path, int status, String location) {
        routes.put(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
        return this;
    }

    /** 200 with a chunked body of zeros that never ends (until the client closes the connection). */
    public Origin endless(String path) {
        routes.put(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            OutputStream out = exchange.getResponseBody();
            while (true) {
                out.write(chunk);
                endlessWritten.addAndGet(chunk.length);
            }
        });
        return this;
    }

    /** 200 declaring {@code length} bytes in Content-Length, of which it sends {@code sent} and then waits. */
    public Origin declaring(String path, long length, int sent) {
        routes.put(path, exchange -> {
            exchange.sendResponseHeaders(200, length);
            exchange.getResponseBody().write(new byte[sent]);
            exchange.getResponseBody().flush();
            sleep(10_000);
        });
        return this;
    }

    /** 200 with the headers at once and the body after {@code millis}. */
    public Origin slow(String path, long millis, byte[] bytes) {
        routes.put(path, exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().flush();
            sleep(millis);
            exchange.getResponseBody().write(bytes);
        });
        return this;
    }

    public List<Request> requests() {
        return requests;
    }

    public long requestsFor(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    /** Body bytes the endless routes wrote before their clients went away. */
    public long endlessWritten() {
        return endlessWritten.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
