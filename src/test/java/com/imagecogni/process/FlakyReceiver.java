package com.imagecogni.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A postback receiver for long runs: it reads and drops each body (nothing grows with the number of postbacks but one
 * counter per job), answers 503 to a share of the attempts, and counts per job how many attempts it acknowledged.
 */
final class FlakyReceiver implements AutoCloseable {

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(8);
    private final double failureShare;
    private final Random random = new Random(7);
    private final Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    FlakyReceiver(double failureShare) throws IOException {
        this.failureShare = failureShare;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            attempts.incrementAndGet();
            boolean fail;
            synchronized (random) {
                fail = random.nextDouble() < failureShare;
            }
            String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            if (fail || webhookId == null) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
            } else {
                acknowledged.computeIfAbsent(jobIdOf(webhookId), id -> new AtomicInteger()).incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/postback";
    }

    /** The job id of a postback's webhook-id ("msg_" and the id's 32 hex digits, JobIntake). */
    static String jobIdOf(String webhookId) {
        String hex = webhookId.substring("msg_".length());
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-"
                + hex.substring(20);
    }

    /** How many times this job's postback was answered with a 2xx. */
    int acknowledged(String jobId) {
        AtomicInteger count = acknowledged.get(jobId);
        return count == null ? 0 : count.get();
    }

    long attempts() {
        return attempts.get();
    }

    long refused() {
        return refused.get();
    }

    double failureShare() {
        return failureShare;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
