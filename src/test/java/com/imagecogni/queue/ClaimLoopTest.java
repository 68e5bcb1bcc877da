package com.imagecogni.queue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/** The claim loop that feeds workers and postbacks: one claim at a time, sized to free capacity, re-run on wake-ups and full claims. */
class ClaimLoopTest {

    /** A claim that stays open until the test answers it, as a database query would. */
    private static final class PendingClaims implements IntFunction<Uni<Integer>> {
        final List<Integer> asked = new CopyOnWriteArrayList<>();
        final List<UniEmitter<? super Integer>> open = new CopyOnWriteArrayList<>();

        @Override
        public Uni<Integer> apply(int slots) {
            asked.add(slots);
            return Uni.createFrom().<Integer>emitter(e -> open.add(e));
        }

        void answer(int claimed) {
            open.remove(0).complete(claimed);
        }

        void fail() {
            open.remove(0).fail(new IllegalStateException("database unavailable"));
        }
    }

    @Test
    void aWakeClaimsAsManyItemsAsThereAreFreeSlots() {
        PendingClaims claims = new PendingClaims();
        ClaimLoop loop = new ClaimLoop("test", () -> 3, claims);
        loop.wake();
        assertEquals(List.of(3), claims.asked);
    }

    @Test
    void withNoFreeSlotNothingIsClaimed() {
        PendingClaims claims = new PendingClaims();
        AtomicInteger free = new AtomicInteger(0);
        ClaimLoop loop = new ClaimLoop("test", free::get, claims);
        loop.wake();
        free.set(-2); // more running than slots (the pool shrank)
        loop.wake();
        assertEquals(List.of(), claims.asked, "no query while every slot is busy");
        // and the loop is not left thinking a claim runs: a freed slot is claimed on the next wake
        free.set(1);
        loop.wake();
        assertEquals(List.of(1), claims.asked);
    }

    @Test
    void wakeUpsDuringAClaimRunNoSecondQueryButOneMoreClaimAfterIt() {
        PendingClaims claims = new PendingClaims();
        ClaimLoop loop = new ClaimLoop("test", () -> 4, claims);
        loop.wake();
        for (int i = 0; i < 5; i++) {
            loop.wake(); // a burst of NOTIFYs while the first query runs
        }
        assertEquals(List.of(4), claims.asked, "one query at a time");
        claims.answer(1); // fewer than asked: the queue looked empty, but work arrived meanwhile
        assertEquals(List.of(4, 4), claims.asked, "the wake-ups are folded into exactly one more claim");
        claims.answer(0);
        assertEquals(List.of(4, 4), claims.asked, "and then it stops");
    }

    @Test
    void aClaimThatFillsEverySlotRunsAgainUntilTheQueueIsDrained() {
        // items finish at once, so every claim finds all four slots free; ten items are queued
        AtomicInteger queued = new AtomicInteger(10);
        List<Integer> asked = new ArrayList<>();
        ClaimLoop loop = new ClaimLoop("test", () -> 4, slots -> {
            asked.add(slots);
            int claimed = Math.min(slots, queued.get());
            queued.addAndGet(-claimed);
            return Uni.createFrom().item(claimed);
        });
        loop.wake();
        assertEquals(List.of(4, 4, 4), asked, "4 + 4 filled every slot, so it claimed again; 2 < 4 ended it");
        assertEquals(0, queued.get(), "nothing waits for the next poll");
    }

    @Test
    void aFullClaimStopsOnceNoSlotIsLeft() {
        // items keep running: after a full claim the re-run finds no free slot and stops without a query
        AtomicInteger running = new AtomicInteger();
        List<Integer> asked = new ArrayList<>();
        ClaimLoop loop = new ClaimLoop("test", () -> 4 - running.get(), slots -> {
            asked.add(slots);
            running.addAndGet(slots);
            return Uni.createFrom().item(slots);
        });
        loop.wake();
        assertEquals(List.of(4), asked);
        running.decrementAndGet(); // one item finishes and wakes the loop, as the workers and the dispatcher do
        loop.wake();
        assertEquals(List.of(4, 1), asked, "the freed slot is claimed");
    }

    @Test
    void aFailedClaimIsNotRetriedInALoopButTheNextWakeClaimsAgain() {
        PendingClaims claims = new PendingClaims();
        ClaimLoop loop = new ClaimLoop("test", () -> 2, claims);
        loop.wake();
        claims.fail();
        assertEquals(List.of(2), claims.asked, "a failing database is not hammered: the next poll or NOTIFY retries");
        loop.wake();
        assertEquals(List.of(2, 2), claims.asked, "the failure released the loop");
        claims.answer(0);
        assertEquals(List.of(2, 2), claims.asked);
    }

    @Test
    void aSlotFreedWhileTheFreeSlotsAreCountedIsClaimed() {
        // a worker finishes and wakes the loop just after the loop counted no free slot
        PendingClaims claims = new PendingClaims();
        AtomicInteger free = new AtomicInteger(0);
        AtomicInteger reads = new AtomicInteger();
        ClaimLoop[] loop = new ClaimLoop[1];
        loop[0] = new ClaimLoop("test", () -> {
            int counted = free.get();
            if (reads.incrementAndGet() == 1) {
                free.incrementAndGet();
                loop[0].wake();
            }
            return counted;
        }, claims);
        loop[0].wake();
        assertEquals(List.of(1), claims.asked, "the freed slot is claimed now, not at the next poll");
    }

    /**
     * A NOTIFY that arrives on another thread just as a claim ends must still be claimed now, not at the
     * next poll (2 s later by default): the two race over and over, and every round must claim again.
     */
    @Test
    void aWakeUpRacingTheEndOfAClaimIsNeverLost() throws Exception {
        PendingClaims claims = new PendingClaims();
        ClaimLoop loop = new ClaimLoop("test", () -> 4, claims);
        AtomicInteger round = new AtomicInteger();
        AtomicInteger woken = new AtomicInteger();
        int rounds = 100_000;
        Thread notifier = new Thread(() -> {
            for (int r = 1; r <= rounds; r++) {
                while (round.get() != r) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                spin();
                loop.wake();
                woken.set(r);
            }
        }, "notifier");
        notifier.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        try {
            for (int r = 1; r <= rounds && System.nanoTime() < deadline; r++) {
                loop.wake();
                assertEquals(1, claims.open.size(), "round " + r + " starts one claim");
                int asked = claims.asked.size();
                round.set(r);
                spin();
                claims.answer(0); // the queue was empty when the query ran
                while (woken.get() != r) {
                    Thread.onSpinWait();
                }
                assertTrue(claims.asked.size() > asked, "round " + r + ": the wake-up that came as the claim ended was lost");
                while (!claims.open.isEmpty()) {
                    claims.answer(0);
                }
                claims.asked.clear();
            }
        } finally {
            notifier.interrupt();
            notifier.join(10_000);
        }
    }

    /** A few random nanoseconds, so the two threads meet at every point of each other's code. */
    private static void spin() {
        for (int k = ThreadLocalRandom.current().nextInt(40); k > 0; k--) {
            Thread.onSpinWait();
        }
    }

    @Test
    void wakeUpsFromManyThreadsNeverRunTwoClaimsAtOnce() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger queries = new AtomicInteger();
        ExecutorService database = Executors.newSingleThreadExecutor();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            ClaimLoop loop = new ClaimLoop("test", () -> 8, slots -> {
                queries.incrementAndGet();
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                return Uni.createFrom().item(() -> {
                    inFlight.decrementAndGet();
                    return 0;
                }).runSubscriptionOn(database);
            });
            CountDownLatch done = new CountDownLatch(4);
            for (int t = 0; t < 4; t++) {
                callers.execute(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        loop.wake();
                    }
                    done.countDown();
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 0);
            assertEquals(1, mostInFlight.get(), "never two claim queries at once");
            assertTrue(queries.get() >= 1);
        } finally {
            callers.shutdownNow();
            database.shutdownNow();
        }
    }
}
