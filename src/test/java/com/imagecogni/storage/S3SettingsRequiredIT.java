package com.imagecogni.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The packaged application told to use S3 without a bucket and a region refuses to start, naming both in one line. */
class S3SettingsRequiredIT {

    @Test
    void s3WithoutBucketAndRegionStopsWithOneClearLine() throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the application first");
        Path keys = Path.of("target", "test-classes", "jwt").toAbsolutePath();
        Path log = Files.createTempFile("imagecogni-nos3", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        builder.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/imagecogni_test");
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/imagecogni_test");
        builder.environment().put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        builder.environment().put("SMALLRYE_JWT_SIGN_KEY_LOCATION", "file:" + keys.resolve("privateKey.pem"));
        builder.environment().put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + keys.resolve("publicKey.pem"));
        builder.environment().put("IMAGECOGNI_STORAGE_TYPE", "s3");
        builder.environment().put("IMAGECOGNI_STORAGE_S3_ENDPOINT", "http://127.0.0.1:9");
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertTrue(exited, "the service should stop by itself:\n" + output);
        assertNotEquals(0, process.exitValue());
        assertTrue(output.contains("imagecogni.storage.type=s3 needs imagecogni.storage.s3.bucket (IMAGECOGNI_STORAGE_S3_BUCKET)"
                + " and imagecogni.storage.s3.region (IMAGECOGNI_STORAGE_S3_REGION"), output);
        assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
    }
}
