package com.imagecogni.job;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.support.Images;

/** Jobs wait for processing heap instead of running out of it; one job always runs. */
class ProcessingMemoryTest {

    @Test
    void theEstimateIsTheSourceBytesPlusTheLargestSourceDecoded() {
        byte[] photo = Images.gradient(1000, 800, "jpg");
        byte[] icon = Images.gradient(40, 30, "png");
        long estimate = ProcessingMemory.estimate(List.of(photo, icon), DecodeLimits.defaults());
        assertEquals(photo.length + icon.length + 1000L * 800 * ProcessingMemory.BYTES_PER_PIXEL, estimate);
        // what the decoder refuses (not an image, over the pixel limit) costs only its bytes
        assertEquals(3, ProcessingMemory.estimate(List.of(new byte[3]), DecodeLimits.defaults()));
        assertEquals(photo.length, ProcessingMemory.estimate(List.of(photo), DecodeLimits.of(1000L * 800 - 1)));
    }

    @Test
    void aJobThatDoesNotFitWaitsForTheRunningOneToFinish() throws Exception {
        ProcessingMemory memory = ProcessingMemory.withCapacity(100);
        ProcessingMemory.Lease first = memory.acquire(70);
        CompletableFuture<ProcessingMemory.Lease> second = acquireAsync(memory, 50);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertFalse(second.isDone(), "70 + 50 does not fit in 100: the second job waits"));
        first.close();
        ProcessingMemory.Lease admitted = second.get(5, TimeUnit.SECONDS);
        assertEquals(50, memory.inUse());
        admitted.close();
        assertEquals(0, memory.inUse());
    }

    @Test
    void aJobLargerThanTheBudgetRunsAloneAndSmallOnesFitBesideEachOther() throws Exception {
        ProcessingMemory memory = ProcessingMemory.withCapacity(100);
        try (ProcessingMemory.Lease huge = memory.acquire(1_000)) {
            assertEquals(100, memory.inUse(), "capped at the budget, and admitted since nothing else runs");
            CompletableFuture<Void> small = acquireAsync(memory, 1).thenAccept(ProcessingMemory.Lease::close);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertFalse(small.isDone(), "nothing fits beside a job that takes the whole budget"));
            huge.close();
            await().atMost(Duration.ofSeconds(5)).until(small::isDone);
        }
        try (ProcessingMemory.Lease a = memory.acquire(40); ProcessingMemory.Lease b = memory.acquire(40)) {
            assertEquals(80, memory.inUse());
        }
        assertTrue(memory.inUse() == 0);
    }

    private static CompletableFuture<ProcessingMemory.Lease> acquireAsync(ProcessingMemory memory, long bytes) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return memory.acquire(bytes);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
