package com.imagecogni.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's postback receivers are the files in examples/ as they are, which WebhookReceiversTest runs against
 * real postbacks: a snippet edited in one place and not the other fails here.
 */
class ReadmeShowsTheReceiversTest {

    @ParameterizedTest
    @ValueSource(strings = { "examples/receivers/node/json-receiver.js", "examples/receivers/node/express-receiver.js",
            "examples/receivers/python/flask_receiver.py", "examples/receivers/python/fastapi_receiver.py",
            "examples/receivers/go/receiver.go" })
    void theReadmeShowsTheWholeReceiver(String file) throws IOException {
        assertShown(Files.readString(Path.of(file)).stripTrailing(), file);
    }

    @ParameterizedTest
    @ValueSource(strings = "examples/PostbackReceiver.java")
    void theReadmeShowsTheJavaReceiversCheck(String file) throws IOException {
        String java = Files.readString(Path.of(file));
        int start = java.indexOf("    /** Standard Webhooks: v1,");
        int end = java.indexOf("\n    }\n", start) + "\n    }".length();
        assertTrue(start >= 0 && end > start, "the verify method of " + file);
        assertShown(java.substring(start, end), file);
    }

    private static void assertShown(String code, String file) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("\n" + code + "\n```"), "README.md does not show " + file
                + " as it is; copy it into the README's 'Postback formats and verifying them' section");
    }
}
