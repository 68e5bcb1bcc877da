package com.imagecogni.process;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scale-out on one machine ({@code bin/bench-api --scale [database|s3]}): 1, 2 and 3 replicas of the packaged service
 * on one PostgreSQL (and one S3 server), the same batch of jobs sent round-robin to them. Per row: jobs/s, the
 * replicas' CPU-seconds per job (which must stay flat as replicas are added: no replica wastes work on another's
 * jobs), and PostgreSQL's share of all the CPU the run used. On 2 cores the total cannot grow much; the figures say
 * what each replica costs and how much of the machine the shared database takes. Prints figures; asserts nothing.
 */
final class ScaleOutBench {

    private static final int JOBS = 120;
    private static final String OPERATIONS = "[{\"type\": \"resize\", \"sizes\": [{\"width\": 1200}, {\"width\": 600},"
            + " {\"width\": 200}]}, {\"type\": \"compress\", \"quality\": 80}]";

    private ScaleOutBench() {
    }

    static void run(Map<String, String> baseEnv, SoakBench.StorageUnderTest storage) throws Exception {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(storage.env());
        env.put("IMAGECOGNI_WORKERS", "1");
        byte[] image = ApiBench.jpegOfAboutOneMegabyte();
        System.out.printf("scale-out on %s storage: %d jobs (a 1600x1200 JPEG of %d KB -> 3 sizes), one worker per replica,"
                + " %d cores%n", storage.name(), JOBS, image.length / 1024, Runtime.getRuntime().availableProcessors());
        System.out.println("| replicas | jobs/s | replica CPU-s per job | PostgreSQL CPU-s per job | PostgreSQL share of CPU |"
                + " bench + S3 server CPU-s per job |");
        System.out.println("|---|---|---|---|---|---|");
        try (FlakyReceiver receiver = new FlakyReceiver(0)) {
            for (int replicas = 1; replicas <= 3; replicas++) {
                measure(replicas, env, image, receiver);
            }
        }
    }

    private static void measure(int count, Map<String, String> env, byte[] image, FlakyReceiver receiver) throws Exception {
        List<ServiceProcess> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                replicas.add(ServiceProcess.start("scale-" + count + "-" + i, env));
            }
            Customer customer = Customer.signUp(replicas.get(0));
            String config = customer.configuration(replicas.get(0), receiver.url(), OPERATIONS);
            ApiBench.Multipart body = ApiBench.Multipart.of(config, image);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // warm-up: each replica's JIT and connections, not measured
            List<String> warm = new ArrayList<>();
            for (int i = 0; i < 4 * count; i++) {
                warm.add(jobId(http.send(body.request(replicas.get(i % count), customer), HttpResponse.BodyHandlers.ofString())));
            }
            awaitDone(warm);

            double[] before = cpu(replicas);
            long start = System.nanoTime();
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                jobs.add(jobId(http.send(body.request(replicas.get(i % count), customer), HttpResponse.BodyHandlers.ofString())));
            }
            awaitDone(jobs);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] after = cpu(replicas);
            double replicaCpu = after[0] - before[0];
            double postgres = after[1] - before[1];
            double bench = after[2] - before[2];
            System.out.printf("| %d | %.2f | %.3f | %.3f | %.0f %% | %.3f |%n", count, JOBS / seconds, replicaCpu / JOBS,
                    postgres / JOBS, 100 * postgres / (replicaCpu + postgres + bench), bench / JOBS);
        } finally {
            for (ServiceProcess replica : replicas) {
                replica.close();
            }
        }
    }

    private static String jobId(HttpResponse<String> answer) {
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + answer.statusCode() + ": " + answer.body());
        }
        return ApiBench.jobIdOf(answer.body());
    }

    private static void awaitDone(List<String> jobs) throws InterruptedException {
        String ids = "{" + String.join(",", jobs) + "}";
        while (Integer.parseInt(TestDb.column("select count(*) from job where id = any(?::uuid[]) and status = 'completed'",
                ids).get(0)) < jobs.size()) {
            Thread.sleep(100);
        }
    }

    /** CPU-seconds so far of: the replicas, every PostgreSQL process, this JVM (the client and, for s3, the S3 server). */
    private static double[] cpu(List<ServiceProcess> replicas) {
        double service = 0;
        for (ServiceProcess replica : replicas) {
            service += replica.cpuSeconds();
        }
        return new double[] { service, ProcessStats.postgresCpuSeconds(), ProcessStats.ownCpuSeconds() };
    }
}
