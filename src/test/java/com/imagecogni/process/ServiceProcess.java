package com.imagecogni.process;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/quarkus-app) as a real OS process on the test database, for the
 * fault tests: it can be killed with SIGKILL, run twice side by side, or starved of memory.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /**
     * Its own database: the @QuarkusIntegrationTest's service runs on imagecogni_test at the same time and would take jobs.
     * The soak benchmark starts on an empty one of its own (-Dimagecogni.process.database), so growth shows.
     */
    static final String DATABASE = System.getProperty("imagecogni.process.database", "imagecogni_process_test");

    final String name;
    final int port;
    /** The management interface's port: health and metrics are not served on the public one. */
    final int managementPort;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String name, Map<String, String> extraEnv, String... jvmArgs) throws IOException {
        ServiceProcess service = launch(name, extraEnv, jvmArgs);
        service.awaitReady(Duration.ofSeconds(60));
        return service;
    }

    /** Replicas with the same settings, started side by side (their JVMs start at once), each ready. */
    static List<ServiceProcess> startAll(Map<String, String> extraEnv, String... names) throws IOException {
        List<ServiceProcess> services = new ArrayList<>();
        try {
            for (String name : names) {
                services.add(launch(name, extraEnv));
            }
            for (ServiceProcess service : services) {
                service.awaitReady(Duration.ofSeconds(90));
            }
            return services;
        } catch (IOException | RuntimeException e) {
            for (ServiceProcess service : services) {
                service.process.destroyForcibly();
            }
            throw e;
        }
    }

    private static ServiceProcess launch(String name, Map<String, String> extraEnv, String... jvmArgs) throws IOException {
        TestDb.ensureDatabase();
        int port = freePort();
        int managementPort = freePort();
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Path log = logs.resolve(name + "-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>(defaults(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.putAll(extraEnv);
        builder.environment().putAll(env);
        return new ServiceProcess(name, port, managementPort, builder.start(), log);
    }

    private static Map<String, String> defaults(int port) {
        Path keys = Path.of("target", "test-classes", "jwt").toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // links the service hands out (a JSON postback's result.url) lead back to it, as a deployment's public address does
        env.put("IMAGECOGNI_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + DATABASE);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", "file:" + keys.resolve("privateKey.pem"));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + keys.resolve("publicKey.pem"));
        env.put("QUARKUS_MAILER_MOCK", "true");
        env.put("IMAGECOGNI_SECURITY_BCRYPT_COST", "10");
        env.put("IMAGECOGNI_POSTBACK_ALLOW_PRIVATE_NETWORKS", "true");
        env.put("IMAGECOGNI_POSTBACK_RETRY_DELAYS", "300ms,300ms,300ms,1s,1s");
        env.put("IMAGECOGNI_JOBS_LEASE", "4s");
        env.put("IMAGECOGNI_JOBS_HEARTBEAT", "1s");
        env.put("IMAGECOGNI_JOBS_POLL_INTERVAL", "500ms");
        env.put("IMAGECOGNI_WORKERS", "1");
        return env;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Peak resident set size of the process so far (VmHWM), in MiB, or -1 where /proc is unavailable. */
    long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the process has used so far (user + system), in seconds, from /proc; -1 where it is unavailable. */
    double cpuSeconds() {
        return ProcessStats.cpuSeconds(process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The process's output so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no graceful release, as when a node dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int readyStatus() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            return connection.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start:\n" + log());
            }
            if (readyStatus() == 200) {
                return;
            }
            sleep(20); // fine-grained: the start-up benchmark reads the time to ready from it
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
