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
 * secret appears in the service's log.
 */
class ExamplesIT {

    @Test
    void walkthroughScriptRunsEndToEndAndTheLogHoldsNoSecrets() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("walkthrough", Map.of("IMAGECOGNI_WORKERS", "2"))) {
            Path logCopy = Files.createTempFile("walkthrough-service", ".log");
            Process script = new ProcessBuilder("bash", "examples/walkthrough.sh", service.url(), logCopy.toString())
                    .redirectErrorStream(true).start();
            // the script reads the mail from a log file; keep the copy current while it runs
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    output.append(e);
                }
            });
            reader.start();
            while (!script.waitFor(200, TimeUnit.MILLISECONDS)) {
                Files.writeString(logCopy, service.log());
            }
            reader.join();
            assertEquals(0, script.exitValue(), output.toString());
            assertTrue(output.toString().contains("signature ok"), output.toString());

            String log = service.log();
            assertTrue(log.startsWith("{") || log.contains("\n{\""), "production logs are JSON lines");
            for (String secret : secrets(output.toString())) {
                assertFalse(log.contains(secret), "the service log contains a secret: " + secret.substring(0, 8) + "…");
            }
            assertFalse(log.contains("correct horse battery staple"), "no password in the log");
        }
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
