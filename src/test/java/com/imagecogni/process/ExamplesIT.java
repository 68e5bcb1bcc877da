package com.imagecogni.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough script and example receiver, run against the packaged service in its
 * production profile (JSON logs): the whole flow works, and no password, API key, JWT or webhook
 * secret appears in the service's log. Then the AOT cache's training workload, as the image build runs it.
 */
class ExamplesIT {

    @Test
    void walkthroughScriptRunsEndToEndAndTheLogHoldsNoSecrets() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("walkthrough", Map.of("IMAGECOGNI_WORKERS", "2",
                "IMAGECOGNI_FETCH_ALLOW_PRIVATE_NETWORKS", "true"))) {
            String output = run(service, "examples/walkthrough.sh");
            assertTrue(output.contains("signature ok"), output);
            assertTrue(output.contains("sha256 ok"), "the JSON postback's link served the ZIP it describes: " + output);

            String log = service.log();
            assertTrue(log.startsWith("{") || log.contains("\n{\""), "production logs are JSON lines");
            for (String secret : secrets(output)) {
                assertFalse(log.contains(secret), "the service log contains a secret: " + secret.substring(0, 8) + "…");
            }
            assertFalse(log.contains("correct horse battery staple"), "no password in the log");

            // the AOT cache's training workload (bin/aot-train, the JVM image's training stage): curl alone
            String training = run(service, "bin/aot-workload", "src/test/resources/photos/seeding-5312x2988.jpg");
            assertTrue(training.contains("AOT training workload done"), training);
        }
    }

    /**
     * Runs {@code script URL LOG ARGS...}: the service's URL and a copy of its log (where the mock mailer's links are),
     * kept current while the script runs; asserts it succeeded and returns what it printed.
     */
    private static String run(ServiceProcess service, String script, String... args) throws Exception {
        Path logCopy = Files.createTempFile("examples-service", ".log");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", script, service.url(),
                logCopy.toString()));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                output.append(e);
            }
        });
        reader.start();
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            Files.writeString(logCopy, service.log());
        }
        reader.join();
        assertEquals(0, process.exitValue(), output.toString());
        return output.toString();
    }

    /** API key, JWT and webhook secret as the script printed them. */
    private static java.util.List<String> secrets(String output) {
        java.util.List<String> found = new java.util.ArrayList<>();
        Matcher key = Pattern.compile("ick_[0-9A-Za-z]{40}").matcher(output);
        while (key.find()) {
            found.add(key.group());
        }
        Matcher other = Pattern.compile("(?m)^(?:JWT|webhook secret) (\\S+)").matcher(output);
        while (other.find()) {
            found.add(other.group(1));
        }
        assertFalse(found.isEmpty(), "the script printed the credentials it created");
        return found;
    }
}
