package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.imagecogni.support.Api;
import com.imagecogni.support.HangingReceiver;
import com.imagecogni.support.Images;
import com.imagecogni.support.MemoryProbe;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A receiver that accepts the connection and never reads: every attempt times out (3 s in tests),
 * and its connection is closed and its body freed, so nothing of the postbacks stays behind.
 */
@QuarkusTest
class HangingReceiverTest {

    private static final Logger LOG = Logger.getLogger(HangingReceiverTest.class);
    private static final int JOBS = 3;
    /** The test profile's retry delays: 3 retries after the first attempt. */
    private static final int ATTEMPTS = 4;

    @Inject
    TestAccounts accounts;

    @Test
    void connectionsToAReceiverThatNeverReadsAreClosedAndTheirBodiesFreed() throws Exception {
        TestAccounts.TestAccount account = accounts.create("hanging");
        String key = accounts.createApiKey(account);
        try (HangingReceiver receiver = new HangingReceiver()) {
            String configId = JobFixtures.config(account, receiver.url(), "[{\"type\": \"flip\", \"direction\": \"horizontal\"}]");
            MemoryProbe.Reading before = MemoryProbe.afterCollection();

            List<String> jobIds = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                // random pixels barely compress: each result ZIP is about 10 MB
                jobIds.add(JobFixtures.upload(key, configId, Map.of("noise.png", Images.noisePng(1800, 1800, i))).then()
                        .statusCode(202).extract().path("jobId"));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> receiver.accepted() >= JOBS);
            Map<String, Integer> socketsDuring = receiver.senderSocketStates();
            MemoryProbe.Reading during = MemoryProbe.afterCollection();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> jobIds.stream()
                    .allMatch(id -> "failed".equals(Api.withKey(key).get("/api/v1/jobs/" + id).then().extract().path("status"))));
            long posted = 0;
            for (String id : jobIds) {
                posted += Api.withKey(key).get("/api/v1/jobs/" + id).then().statusCode(200)
                        .body("delivery.history.error", everyItem(equalTo("no answer within the time limit")))
                        .extract().<Number>path("result.bytes").longValue() * ATTEMPTS;
            }
            Map<String, Integer> sockets = receiver.senderSocketStates();
            MemoryProbe.Reading after = MemoryProbe.afterCollection();
            int accepted = receiver.accepted();
            // read last: reading lets a sender's queued body drain, after which even a lazy close completes
            int open = receiver.stillOpen(Duration.ofSeconds(2));
            LOG.infof("hanging receiver: %d MiB posted in %d attempts; before %s; during %s; after %s; connections"
                    + " accepted %d, the sender's sockets by TCP state during %s and after %s, open when read %d",
                    posted >> 20, accepted, before, during, after, accepted, socketsDuring, sockets, open);

            assertEquals(JOBS * ATTEMPTS, accepted, "every attempt had its own connection");
            if (sockets != null) {
                // none established (closed) and none lingering with unsent data in the kernel (reset, not a FIN)
                assertEquals(Map.of(), sockets, "the sender reset every connection when its attempt timed out");
            }
            assertEquals(0, open, "every connection ends (EOF or reset) when read");
            // the bodies posted add up to over 100 MB; what stays must be far less than that
            long margin = posted / 4;
            assertTrue(after.heap() - before.heap() < margin, "heap back to its baseline: before " + before + ", after "
                    + after + ", posted " + (posted >> 20) + " MiB");
            assertTrue(after.directInUse() - before.directInUse() < margin, "direct buffers given back: before " + before
                    + ", after " + after + ", posted " + (posted >> 20) + " MiB");
        }
    }
}
