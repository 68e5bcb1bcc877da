package com.imagecogni.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged application (prod profile, on the test database, migrations off) with settings it must refuse,
 * and checks that it stopped by itself with an error status and no stack trace; returns what it printed, for the
 * caller to look for its one clear line.
 */
public final class RefusedStart {

    private RefusedStart() {
    }

    public static String output(Map<String, String> settings) throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the application first");
        Path log = Files.createTempFile("imagecogni-refused", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        builder.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/imagecogni_test");
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/imagecogni_test");
        builder.environment().put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        builder.environment().putAll(settings);
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertTrue(exited, "the service should stop by itself:\n" + output);
        assertNotEquals(0, process.exitValue());
        assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
        return output;
    }
}
