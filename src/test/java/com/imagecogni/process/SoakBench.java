package com.imagecogni.process;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.imagecogni.support.Images;

/**
 * The soak ({@code bin/bench-api --soak MINUTES [database|s3]}): one replica of the packaged service under a steady
 * open-loop load of about half its measured capacity (mixed sizes, some bad sources, a receiver that refuses 5 % of
 * the postbacks), with a short retention so the purge runs. Prints, over time, what would grow if something leaked
 * (RSS, heap after a full GC, the JVM's native memory, sockets, database connections, database size), the queue
 * delay p99, and at the end the jobs lost and the jobs delivered twice. Prints figures; asserts nothing.
 */
final class SoakBench {

    private static final String OPERATIONS = "[{\"type\": \"resize\", \"sizes\": [{\"width\": 1200}, {\"width\": 600},"
            + " {\"width\": 200}]}, {\"type\": \"compress\", \"quality\": 80}]";
    private static final double RECEIVER_FAILURES = 0.05;
    private static final String RETENTION = "5m";

    private SoakBench() {
    }

    static void run(int minutes, Path photo, Map<String, String> baseEnv, StorageUnderTest storage) throws Exception {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(storage.env());
        env.put("IMAGECOGNI_JOBS_RETENTION", RETENTION);
        env.put("IMAGECOGNI_POSTBACK_RETRY_DELAYS", "1s,2s,5s,10s,30s,60s");
        try (FlakyReceiver receiver = new FlakyReceiver(RECEIVER_FAILURES);
                ServiceProcess service = ServiceProcess.start("soak-" + storage.name(), env, "-Xmx512m",
                        "-XX:NativeMemoryTracking=summary")) {
            Customer customer = Customer.signUp(service);
            String config = customer.configuration(service, receiver.url(), OPERATIONS);
            Mix mix = Mix.of(config, Files.readAllBytes(photo));
            ExecutorService clientThreads = Executors.newFixedThreadPool(16);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();

            double capacity = calibrate(http, service, customer, mix);
            double rate = capacity / 2;
            System.out.printf("soak on %s storage, %d min: capacity %.2f jobs/s (closed loop, this mix), load %.2f jobs/s open"
                    + " loop; receiver refuses %.0f %% of attempts; retention %s; -Xmx512m%n", storage.name(), minutes, capacity,
                    rate, RECEIVER_FAILURES * 100, RETENTION);

            Load load = new Load(http, service, customer, mix);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(load::submitOne, 0, Math.round(1_000_000 / rate), TimeUnit.MICROSECONDS);
            Sampler sampler = new Sampler(service, storage);
            System.out.println(Sampler.HEADER);
            long interval = Math.max(30, minutes * 60L / 20);
            Instant end = Instant.now().plus(Duration.ofMinutes(minutes));
            while (Instant.now().isBefore(end)) {
                Thread.sleep(Math.min(interval * 1000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
                System.out.println(sampler.row(load));
            }
            ticker.shutdown();
            ticker.awaitTermination(1, TimeUnit.MINUTES);
            load.awaitAnswers();
            Instant drainStart = Instant.now();
            while (sampler.unfinished() > 0 && Duration.between(drainStart, Instant.now()).toMinutes() < 10) {
                Thread.sleep(1000);
            }
            Thread.sleep(5000); // the last postbacks' answers
            System.out.println(sampler.row(load) + "  (after the drain, " + Duration.between(drainStart, Instant.now()).toSeconds()
                    + " s)");
            report(load, receiver);
            clientThreads.shutdownNow(); // not daemon threads: the benchmark's JVM would not exit
        }
    }

    /** Jobs per second the service sustains for this mix with 4 jobs in flight per worker. */
    private static double calibrate(HttpClient http, ServiceProcess service, Customer customer, Mix mix) throws Exception {
        int jobs = 40;
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            HttpResponse<String> answer = http.send(mix.good(i).request(service, customer), HttpResponse.BodyHandlers.ofString());
            ids.add(ApiBench.jobIdOf(answer.body()));
        }
        while (Integer.parseInt(TestDb.column("select count(*) from job where id = any(?::uuid[]) and status in ('completed',"
                + " 'failed')", "{" + String.join(",", ids) + "}").get(0)) < jobs) {
            Thread.sleep(200);
        }
        return jobs / ((System.nanoTime() - start) / 1e9);
    }

    private static void report(Load load, FlakyReceiver receiver) {
        List<String> accepted = new ArrayList<>(load.accepted);
        Map<String, String> states = new HashMap<>();
        for (int from = 0; from < accepted.size(); from += 1000) {
            List<String> page = accepted.subList(from, Math.min(accepted.size(), from + 1000));
            for (String row : TestDb.column("select id || ' ' || status from job where id = any(?::uuid[])",
                    "{" + String.join(",", page) + "}")) {
                String[] parts = row.split(" ");
                states.put(parts[0], parts[1]);
            }
        }
        int lost = 0;
        int twice = 0;
        Map<String, Integer> byState = new TreeMap<>();
        for (String id : accepted) {
            String state = states.getOrDefault(id, "missing");
            byState.merge(state, 1, Integer::sum);
            int acks = receiver.acknowledged(id);
            if (!(state.equals("completed") || state.equals("failed")) || acks == 0) {
                lost++;
            }
            if (acks > 1) {
                twice++;
            }
        }
        System.out.printf("submitted %d, answers %s; accepted jobs by final state %s; postback attempts %d, refused by the"
                + " receiver %d; jobs lost %d; jobs delivered twice %d%n", load.submitted.get(), new TreeMap<>(load.statuses),
                byState, receiver.attempts(), receiver.refused(), lost, twice);
    }

    /** Which storage the run uses, and the service's settings for it. */
    interface StorageUnderTest extends AutoCloseable {
        String name();

        Map<String, String> env();

        /** Image bytes the store holds now. */
        long storedBytes();

        @Override
        default void close() {
        }
    }

    /** The upload bodies, prebuilt: small, medium and large photos, a truncated JPEG (fails in the worker), bytes of no image (refused at intake). */
    private record Mix(List<ApiBench.Multipart> good, ApiBench.Multipart truncated, ApiBench.Multipart garbage, Random random) {
        static Mix of(String config, byte[] photo) throws Exception {
            byte[] medium = ApiBench.jpegOfAboutOneMegabyte();
            byte[] garbage = new byte[64 * 1024];
            new Random(3).nextBytes(garbage);
            return new Mix(List.of(ApiBench.Multipart.of(config, Images.gradient(800, 600, "jpg")),
                    ApiBench.Multipart.of(config, medium), ApiBench.Multipart.of(config, photo)),
                    ApiBench.Multipart.of(config, java.util.Arrays.copyOf(medium, medium.length / 2)),
                    ApiBench.Multipart.of(config, garbage), new Random(11));
        }

        /** In weights 60 small : 30 medium : 10 large. */
        ApiBench.Multipart good(int n) {
            int slot = n % 10;
            return good.get(slot < 6 ? 0 : slot < 9 ? 1 : 2);
        }

        /** 95 % of the good mix, 3 % truncated, 2 % garbage. */
        synchronized ApiBench.Multipart next() {
            int roll = random.nextInt(100);
            return roll < 3 ? truncated : roll < 5 ? garbage : good(random.nextInt(10));
        }
    }

    /** The open-loop client: one upload per tick, whatever the answers to earlier ones. */
    private static final class Load {
        final HttpClient http;
        final ServiceProcess service;
        final Customer customer;
        final Mix mix;
        final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicInteger submitted = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();

        Load(HttpClient http, ServiceProcess service, Customer customer, Mix mix) {
            this.http = http;
            this.service = service;
            this.customer = customer;
            this.mix = mix;
        }

        void submitOne() {
            submitted.incrementAndGet();
            inFlight.incrementAndGet();
            HttpRequest request = mix.next().request(service, customer);
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
                int status = failure != null ? -1 : answer.statusCode();
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (status == 202) {
                    accepted.add(ApiBench.jobIdOf(answer.body()));
                }
                inFlight.decrementAndGet();
            });
        }

        void awaitAnswers() throws InterruptedException {
            for (int i = 0; i < 600 && inFlight.get() > 0; i++) {
                Thread.sleep(100);
            }
        }
    }

    /** One row of readings of the service process, its database and its queue. */
    private static final class Sampler {
        static final String HEADER = "| min | accepted | done | waiting | RSS MiB | heap after GC MiB | JVM native MiB | sockets |"
                + " DB connections | queue delay p99 s | DB size MiB | image bytes in DB MiB | store MiB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|";
        private final ServiceProcess service;
        private final StorageUnderTest storage;
        private final Instant start = Instant.now();
        private Instant last = Instant.now();

        Sampler(ServiceProcess service, StorageUnderTest storage) {
            this.service = service;
            this.storage = storage;
        }

        /** The run's jobs not yet processed and delivered. */
        int unfinished() {
            return Integer.parseInt(TestDb.column("select count(*) from job where status in ('queued', 'processing', 'delivering')"
                    + " and created_at >= ?::timestamptz", start.toString()).get(0));
        }

        String row(Load load) {
            Instant now = Instant.now();
            String p99 = TestDb.column("select coalesce(round(extract(epoch from percentile_disc(0.99) within group (order by"
                    + " started_at - created_at))::numeric, 2)::text, '-') from job where started_at >= ?::timestamptz",
                    last.toString()).get(0);
            last = now;
            String done = TestDb.column("select count(*) from job where status in ('completed', 'failed') and created_at >="
                    + " ?::timestamptz", start.toString()).get(0);
            String dbSize = TestDb.column("select pg_database_size(current_database()) / 1048576").get(0);
            String imageBytes = TestDb.column("select coalesce(sum(octet_length(data)), 0) / 1048576 from blob_chunk").get(0);
            long stored = storage.storedBytes() >> 20;
            String connections = TestDb.column("select count(*) from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid()").get(0);
            return String.format("| %.1f | %d | %s | %d | %d | %d | %d | %d | %s | %s | %s | %s | %d |",
                    Duration.between(start, now).toSeconds() / 60.0, load.accepted.size(), done, unfinished(),
                    ProcessStats.rssMib(service.pid()), heapAfterFullGcMib(), ProcessStats.nativeCommittedMib(service.pid()),
                    ProcessStats.sockets(service.pid()), connections, p99, dbSize, imageBytes, stored);
        }

        /** Heap in use right after a full collection (jcmd GC.run), from the service's own metrics. */
        private long heapAfterFullGcMib() {
            try {
                Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(service.pid()), "GC.run").redirectErrorStream(true).start();
                gc.getInputStream().readAllBytes();
                gc.waitFor(60, TimeUnit.SECONDS);
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + service.managementPort + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                double heap = metrics.body().lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                return (long) (heap / 1048576);
            } catch (Exception e) {
                return -1;
            }
        }
    }
}
