package com.imagecogni.process;

import com.imagecogni.pipeline.PipelineRuntime;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.imagecogni.configuration.ConfigurationReader;
import com.imagecogni.pipeline.SourceProcessor;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.support.PostbackReceiver;

/**
 * The API benchmark (prints figures, asserts nothing) against the packaged service on the local
 * PostgreSQL: start-up time, POST /jobs accept latency at 16 and 64 concurrent clients,
 * upload-to-postback time of workload W against the pipeline alone, and the service's peak RSS
 * while 20 uploads of 40 MB arrive at once. Run with {@code bin/bench-api [photo.jpg]}.
 */
public final class ApiBench {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final String W_OPERATIONS = "[{\"type\": \"resize\", \"sizes\": [{\"width\": 1920}, {\"width\": 1280},"
            + " {\"width\": 800}, {\"width\": 400}, {\"width\": 150}]}, {\"type\": \"compress\", \"quality\": 85}]";

    private ApiBench() {
    }

    /** The JVM options of the memory figure: the container's (Dockerfile.jvm), sized for a 512 MB budget. */
    static final String MEMORY_JVM_OPTIONS = System.getProperty("bench.memoryJvmOptions", "-Xmx384m");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--claims")) {
            ClaimBench.run();
            return;
        }
        boolean memoryOnly = args.length > 0 && args[0].equals("--memory");
        boolean soak = args.length > 0 && args[0].equals("--soak");
        Path photo = Path.of(args.length > 0 && !memoryOnly && !soak ? args[0] : "../shared/photos/dragonfly-4224x3168.jpg");
        Map<String, String> env = Map.of("IMAGECOGNI_JOBS_MAX_QUEUED", "1000000", "IMAGECOGNI_JOBS_MAX_QUEUED_PER_ACCOUNT", "1000000",
                "IMAGECOGNI_PLANS_FREE_MONTHLY_CREDITS", "1000000000", "IMAGECOGNI_WORKERS",
                Integer.toString(Runtime.getRuntime().availableProcessors()));
        System.out.printf("machine: %d cores, java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Instant.now());
        if (args.length > 0 && args[0].equals("--latency")) {
            if (args.length > 1 && args[1].equals("shipped")) {
                LatencyBench.shipped(env);
            } else {
                LatencyBench.run(env);
            }
            System.exit(0); // the HTTP client's and the pipeline's threads would keep this JVM alive
            return;
        }
        if (args.length > 0 && args[0].equals("--scale")) {
            try (SoakBench.StorageUnderTest storage = BenchStorage.of(args.length > 1 ? args[1] : "database")) {
                ScaleOutBench.run(env, storage);
            }
            return;
        }
        if (soak) {
            int minutes = Integer.parseInt(args[1]);
            try (SoakBench.StorageUnderTest storage = BenchStorage.of(args.length > 2 ? args[2] : "database")) {
                SoakBench.run(minutes, photo, env, storage);
            }
            return;
        }
        if (!memoryOnly) {
            acceptAndPostback(photo, env);
        }
        // the memory figure with the container's JVM options
        try (PostbackReceiver receiver = new PostbackReceiver();
                ServiceProcess service = ServiceProcess.start("bench-memory", env, MEMORY_JVM_OPTIONS.trim().split("\\s+"))) {
            Customer customer = Customer.signUp(service);
            String small = customer.configuration(service, receiver.url(), "[{\"type\": \"rotate\", \"degrees\": 90}]");
            memoryUnderLargeUploads(service, customer, small);
        }
    }

    private static void acceptAndPostback(Path photo, Map<String, String> env) throws Exception {
        long t0 = System.nanoTime();
        try (PostbackReceiver receiver = new PostbackReceiver(); ServiceProcess service = ServiceProcess.start("bench", env)) {
            System.out.printf("JVM start to ready: %d ms (wall, including the JVM)%n", (System.nanoTime() - t0) / 1_000_000);
            Customer customer = Customer.signUp(service);
            String small = customer.configuration(service, receiver.url(), "[{\"type\": \"resize\", \"sizes\": [{\"width\": 400}]}]");
            byte[] oneMegabyte = jpegOfAboutOneMegabyte();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int concurrency : new int[] { 1, 16, 64 }) {
                accept(http, service, customer, small, oneMegabyte, concurrency, 20, receiver);
                drain(service, customer, receiver);
            }
            uploadToPostback(service, customer, receiver, Files.readAllBytes(photo));
        }
    }

    private static void accept(HttpClient http, ServiceProcess service, Customer customer, String config, byte[] image,
            int concurrency, int perClient, PostbackReceiver receiver) throws Exception {
        Multipart body = Multipart.of(config, image);
        // warm-up
        for (int i = 0; i < 20; i++) {
            http.send(body.request(service, customer), HttpResponse.BodyHandlers.discarding());
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perClient; i++) {
                    long t = System.nanoTime();
                    try {
                        int status = http.send(body.request(service, customer), HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                    } catch (Exception e) {
                        statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t);
                }
            }, clients));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("POST /jobs, %d KB JPEG, %d concurrent: %d requests in %.1f s = %.0f req/s; accept latency p50 %.1f ms,"
                + " p99 %.1f ms; statuses %s%n", image.length / 1024, concurrency, sorted.size(), seconds, sorted.size() / seconds,
                percentile(sorted, 50), percentile(sorted, 99), new TreeMap<>(statuses));
    }

    /** Waits until every accepted job was delivered, so the next figure is not measured under leftover work. */
    private static void drain(ServiceProcess service, Customer customer, PostbackReceiver receiver) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            int queued = customer.jobsInState(service, "queued") + customer.jobsInState(service, "processing")
                    + customer.jobsInState(service, "delivering");
            if (queued == 0) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("  (queue drained in %.1f s: %d postbacks so far)%n", (System.nanoTime() - start) / 1e9,
                receiver.received().size());
    }

    private static void uploadToPostback(ServiceProcess service, Customer customer, PostbackReceiver receiver, byte[] photo)
            throws Exception {
        String config = customer.configuration(service, receiver.url(), W_OPERATIONS);
        // the pipeline alone, warm, in this JVM, for the same source and operations
        var ops = ConfigurationReader.specsOf(new ObjectMapper().readTree(W_OPERATIONS));
        SourceProcessor processor = new SourceProcessor(DecodeLimits.defaults(), RUNTIME);
        for (int i = 0; i < 3; i++) {
            processor.process(photo, ops);
        }
        List<Long> alone = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            processor.process(photo, ops);
            alone.add(System.nanoTime() - t);
        }
        List<Long> endToEnd = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            String jobId = customer.upload(service, config, "w.jpg", photo).then().statusCode(202).extract().path("jobId");
            while (receiver.receivedFor(jobId).isEmpty()) {
                Thread.sleep(2);
            }
            if (i >= 2) {
                endToEnd.add(System.nanoTime() - t);
            }
        }
        Collections.sort(alone);
        Collections.sort(endToEnd);
        double pipeline = percentile(alone, 50);
        double total = percentile(endToEnd, 50);
        System.out.printf("W (5 JPEG sizes, %d KB source): pipeline alone %.0f ms, upload-to-postback %.0f ms (median), ratio %.2f%n",
                photo.length / 1024, pipeline, total, total / pipeline);
    }

    private static void memoryUnderLargeUploads(ServiceProcess service, Customer customer, String config) throws Exception {
        byte[] big = new byte[40 * 1024 * 1024 - 4096];
        byte[] png = pngHeader();
        System.arraycopy(png, 0, big, 0, png.length);
        long before = service.peakRssMib();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            answers.add(CompletableFuture.supplyAsync(() -> customer.upload(service, config, "big-" + n + ".png", big).statusCode(),
                    clients));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<Integer> answer : answers) {
            statuses.merge(answer.get(5, TimeUnit.MINUTES), 1, Integer::sum);
        }
        clients.shutdown();
        Thread.sleep(2000);
        System.out.printf("20 concurrent 40 MB uploads, JVM options [%s]: statuses %s; service peak RSS %d MiB (before: %d MiB)%n",
                MEMORY_JVM_OPTIONS, statuses, service.peakRssMib(), before);
    }

    private static byte[] pngHeader() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        byte[] bytes = out.toByteArray();
        return java.util.Arrays.copyOf(bytes, 33);
    }

    static byte[] jpegOfAboutOneMegabyte() throws Exception {
        BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 1600, 1200, Color.BLUE));
        g.fillRect(0, 0, 1600, 1200);
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 200_000; i++) {
            image.setRGB(random.nextInt(1600), random.nextInt(1200), random.nextInt());
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    static double percentile(List<Long> sortedNanos, int p) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, Math.min(index, sortedNanos.size() - 1))) / 1e6;
    }

    /** The job id in a 202 answer's JSON body. */
    static String jobIdOf(String body) {
        return body.replaceAll("(?s).*\"jobId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** A prebuilt multipart upload body, sent as is by every client. */
    record Multipart(String boundary, byte[] bytes) {
        static Multipart of(String configId, byte[] image) {
            String boundary = "bench" + System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"configId\"\r\n\r\n" + configId
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"sources\"; filename=\"a.jpg\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n").getBytes());
            out.writeBytes(image);
            out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());
            return new Multipart(boundary, out.toByteArray());
        }

        HttpRequest request(ServiceProcess service, Customer customer) {
            return HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/jobs")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", customer.apiKey).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        }
    }
}
