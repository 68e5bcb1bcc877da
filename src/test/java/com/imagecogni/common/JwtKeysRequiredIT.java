package com.imagecogni.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The packaged application in the prod profile refuses to start without JWT keys, saying so in one line. */
class JwtKeysRequiredIT {

    @Test
    void prodWithoutKeysStopsWithOneClearLine() throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the application first");
        Path log = Files.createTempFile("imagecogni-nokeys", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/imagecogni_test");
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/imagecogni_test");
        builder.environment().put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertTrue(exited, "the service should stop by itself:\n" + output);
        assertNotEquals(0, process.exitValue());
        assertTrue(output.contains("JWT keys missing: set mp.jwt.verify.publickey.location"), output);
        assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
    }
}
