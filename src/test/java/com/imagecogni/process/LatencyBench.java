package com.imagecogni.process;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.imagecogni.configuration.ConfigurationReader;
import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.SourceProcessor;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.support.PostbackReceiver;

/**
 * The latency figures of issue #17 ({@code bin/bench-api --latency}), side by side in one run: time from
 * {@code java} to ready, the accept latency of a 1 MB JPEG on an idle replica and under an open-loop load at half the
 * replica's measured capacity, and the synchronous round trip ({@code Prefer: wait}) against the same work done by
 * the pipeline in this JVM. Prints figures; asserts nothing.
 */
final class LatencyBench {

    /** 1 MB JPEG to three sizes: the synchronous round trip's work. */
    static final String THREE_SIZES = "[{\"type\": \"resize\", \"sizes\": [{\"width\": 1200}, {\"width\": 800}, {\"width\": 400}]}]";
    private static final int STARTS = 3;
    private static final int IDLE_UPLOADS = 40;
    private static final int CAPACITY_JOBS = 40;
    private static final int LOAD_SECONDS = 40;
    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private LatencyBench() {
    }

    /**
     * Start-up once, then the accept and round-trip figures for each way of keeping image work off the accept path, side
     * by side: image threads at nice 0 and at nice 10 with one worker per core, and one worker fewer than the cores.
     */
    static void run(Map<String, String> baseEnv) throws Exception {
        startUp(baseEnv);
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Map<String, String>> variants = new java.util.LinkedHashMap<>();
        variants.put(cores + " workers, image threads at nice 0", Map.of("IMAGECOGNI_IMAGE_THREADS_NICE", "0"));
        variants.put(cores + " workers, image threads at nice 10", Map.of("IMAGECOGNI_IMAGE_THREADS_NICE", "10"));
        variants.put((cores - 1) + " worker(s), image threads at nice 0", Map.of("IMAGECOGNI_IMAGE_THREADS_NICE", "0",
                "IMAGECOGNI_WORKERS", Integer.toString(Math.max(1, cores - 1))));
        for (Map.Entry<String, Map<String, String>> variant : variants.entrySet()) {
            Map<String, String> env = new HashMap<>(baseEnv);
            env.putAll(variant.getValue());
            System.out.printf("--- %s%n", variant.getKey());
            latencies(env);
        }
    }

    /** The accept and round-trip figures with the shipped settings only, no start-up: a before/after of one change. */
    static void shipped(Map<String, String> env) throws Exception {
        System.out.printf("--- shipped settings%n");
        latencies(env);
    }

    private static void latencies(Map<String, String> env) throws Exception {
        byte[] jpeg = ApiBench.jpegOfAboutOneMegabyte();
        try (PostbackReceiver receiver = new PostbackReceiver(); ServiceProcess service = ServiceProcess.start("latency", env)) {
            Customer customer = Customer.signUp(service);
            String config = customer.configuration(service, receiver.url(), THREE_SIZES);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ApiBench.Multipart body = ApiBench.Multipart.of(config, jpeg);
            idleAccept(http, service, customer, body, receiver);
            double capacity = capacity(http, service, customer, body, receiver);
            loadedAccept(http, service, customer, body, receiver, capacity / 2);
            synchronousRoundTrip(http, service, customer, body, jpeg);
        }
    }

    /** Without and, when {@code bin/aot-train} has made one, with the JDK's AOT cache, alternately. */
    private static void startUp(Map<String, String> env) throws Exception {
        java.nio.file.Path cache = java.nio.file.Path.of("target", "quarkus-app", "app.aot");
        boolean withCache = java.nio.file.Files.exists(cache);
        List<Long> plain = new ArrayList<>();
        List<Long> cached = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            plain.add(timeToReady("start-" + i, env));
            if (withCache) {
                cached.add(timeToReady("start-aot-" + i, env, "-XX:AOTCache=" + cache.toAbsolutePath()));
            }
        }
        System.out.printf("java to ready (/q/health/ready 200, polled every 20 ms), %d starts: %s ms; with the AOT cache"
                + " of bin/aot-train: %s%n", STARTS, millis(plain), withCache ? millis(cached) + " ms" : "(no cache made)");
    }

    private static long timeToReady(String name, Map<String, String> env, String... jvmArgs) throws Exception {
        long t = System.nanoTime();
        try (ServiceProcess service = ServiceProcess.start(name, env, jvmArgs)) {
            return System.nanoTime() - t;
        }
    }

    private static List<String> millis(List<Long> nanos) {
        return nanos.stream().map(n -> Long.toString(n / 1_000_000)).toList();
    }

    /** One client, one upload at a time, each after the previous job was posted back: nothing else runs. */
    private static void idleAccept(HttpClient http, ServiceProcess service, Customer customer, ApiBench.Multipart body,
            PostbackReceiver receiver) throws Exception {
        List<Long> latencies = new ArrayList<>();
        Map<String, double[]> warm = Map.of();
        for (int i = 0; i < IDLE_UPLOADS + 5; i++) {
            if (i == 5) {
                warm = serverStages(http, service);
            }
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(body.request(service, customer), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t;
            if (i >= 5) { // the first few warm the path up
                latencies.add(took);
            }
            awaitPostback(receiver, ApiBench.jobIdOf(response.body()));
        }
        Collections.sort(latencies);
        System.out.printf("accept, idle replica, %d KB JPEG, one client: p50 %.1f ms, p99 %.1f ms (n=%d)%n",
                body.bytes().length / 1024, ApiBench.percentile(latencies, 50), ApiBench.percentile(latencies, 99),
                latencies.size());
        System.out.printf("  where it goes, server side, mean of these uploads: %s%n",
                meansBetween(warm, serverStages(http, service)));
    }

    /**
     * Sum and count of each accept stage the service timed ({@code imagecogni_upload_stage_seconds}) and of the whole
     * request as the server saw it ({@code http_server_requests_seconds}, POST /api/v1/jobs), from its metrics.
     */
    private static Map<String, double[]> serverStages(HttpClient http, ServiceProcess service) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.managementPort
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> stages = new TreeMap<>();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile(
                "(?m)^(imagecogni_upload_stage_seconds|http_server_requests_seconds)_(sum|count)\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (line.find()) {
            String labels = line.group(3);
            String stage;
            if (line.group(1).startsWith("imagecogni")) {
                stage = labels.replaceAll(".*stage=\"([^\"]+)\".*", "$1");
            } else if (labels.contains("method=\"POST\"") && labels.contains("uri=\"/api/v1/jobs\"")) {
                stage = "whole request";
            } else {
                continue;
            }
            stages.computeIfAbsent(stage, k -> new double[2])[line.group(2).equals("sum") ? 0 : 1] += Double.parseDouble(line.group(4));
        }
        return stages;
    }

    /** The mean time of each stage between two readings of {@link #serverStages}. */
    private static String meansBetween(Map<String, double[]> before, Map<String, double[]> after) {
        StringBuilder out = new StringBuilder();
        after.forEach((stage, now) -> {
            double[] then = before.getOrDefault(stage, new double[2]);
            double count = now[1] - then[1];
            if (count > 0) {
                out.append(String.format("%s %.1f ms, ", stage, 1000 * (now[0] - then[0]) / count));
            }
        });
        return out.length() == 0 ? "(no metrics)" : out.substring(0, out.length() - 2);
    }

    /** Jobs per second of this configuration: a batch submitted at once, timed until its last postback. */
    private static double capacity(HttpClient http, ServiceProcess service, Customer customer, ApiBench.Multipart body,
            PostbackReceiver receiver) throws Exception {
        int before = receiver.received().size();
        long t = System.nanoTime();
        for (int i = 0; i < CAPACITY_JOBS; i++) {
            http.send(body.request(service, customer), HttpResponse.BodyHandlers.discarding());
        }
        while (receiver.received().size() < before + CAPACITY_JOBS) {
            Thread.sleep(5);
        }
        double jobsPerSecond = CAPACITY_JOBS / ((System.nanoTime() - t) / 1e9);
        System.out.printf("capacity, this configuration: %.2f jobs/s (%d jobs submitted at once, until the last postback)%n",
                jobsPerSecond, CAPACITY_JOBS);
        return jobsPerSecond;
    }

    /** Open loop: uploads start on a fixed schedule whatever the answers take, so a slow answer cannot slow the load. */
    private static void loadedAccept(HttpClient http, ServiceProcess service, Customer customer, ApiBench.Multipart body,
            PostbackReceiver receiver, double rate) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> sent = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long periodMicros = (long) (1_000_000 / rate);
        int before = receiver.received().size();
        clock.scheduleAtFixedRate(() -> {
            long t = System.nanoTime();
            sent.add(http.sendAsync(body.request(service, customer), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        latencies.add(System.nanoTime() - t);
                        statuses.computeIfAbsent(failure == null ? response.statusCode() : -1, k -> new AtomicInteger())
                                .incrementAndGet();
                    }));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(LOAD_SECONDS * 1000L);
        clock.shutdown();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("accept under open-loop load at %.2f uploads/s (half the capacity) for %d s: p50 %.1f ms, p99 %.1f ms,"
                + " max %.1f ms; statuses %s%n", rate, LOAD_SECONDS, ApiBench.percentile(sorted, 50),
                ApiBench.percentile(sorted, 99), ApiBench.percentile(sorted, 100), new TreeMap<>(statuses));
        while (receiver.received().size() < before + sorted.size()) {
            Thread.sleep(20);
        }
    }

    /** {@code Prefer: wait=30} with {@code Accept: application/zip}, idle, against the pipeline's own time in this JVM. */
    private static void synchronousRoundTrip(HttpClient http, ServiceProcess service, Customer customer,
            ApiBench.Multipart body, byte[] jpeg) throws Exception {
        var ops = ConfigurationReader.specsOf(new ObjectMapper().readTree(THREE_SIZES));
        SourceProcessor processor = new SourceProcessor(DecodeLimits.defaults(), RUNTIME);
        List<Long> alone = new ArrayList<>();
        List<Long> roundTrips = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long t = System.nanoTime();
            processor.process(jpeg, ops);
            if (i >= 5) {
                alone.add(System.nanoTime() - t);
            }
        }
        for (int i = 0; i < 25; i++) {
            HttpRequest waiting = HttpRequest.newBuilder(body.request(service, customer), (name, value) -> true)
                    .header("Prefer", "wait=30").header("Accept", "application/zip").build();
            long t = System.nanoTime();
            HttpResponse<byte[]> response = http.send(waiting, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - t;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the synchronous answer was " + response.statusCode());
            }
            if (i >= 5) {
                roundTrips.add(took);
            }
            Thread.sleep(300); // the postback of this job goes out before the next upload
        }
        Collections.sort(alone);
        Collections.sort(roundTrips);
        double pipeline = ApiBench.percentile(alone, 50);
        double total = ApiBench.percentile(roundTrips, 50);
        System.out.printf("synchronous round trip (Prefer: wait, ZIP), %d KB JPEG to 3 sizes: p50 %.0f ms; the same work in"
                + " this JVM's pipeline p50 %.0f ms; target 1.3 x pipeline + 20 ms = %.0f ms%n", jpeg.length / 1024, total,
                pipeline, 1.3 * pipeline + 20);
    }

    private static void awaitPostback(PostbackReceiver receiver, String jobId) throws InterruptedException {
        while (receiver.receivedFor(jobId).isEmpty()) {
            Thread.sleep(2);
        }
    }
}
