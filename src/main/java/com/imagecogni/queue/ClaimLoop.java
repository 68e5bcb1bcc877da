package com.imagecogni.queue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Claims queued work for free capacity, one claim at a time: a wake-up that arrives while a claim
 * is running makes it run once more, and a claim that filled every free slot runs again, so bursts
 * of NOTIFYs neither pile up queries nor leave work waiting for the next poll.
 */
public final class ClaimLoop {

    private static final Logger LOG = Logger.getLogger(ClaimLoop.class);

    private final String name;
    private final IntSupplier free;
    private final IntFunction<Uni<Integer>> claimAndStart;
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();

    /**
     * @param free how many items could start now
     * @param claimAndStart claims up to n items, starts them, and answers how many it claimed
     */
    public ClaimLoop(String name, IntSupplier free, IntFunction<Uni<Integer>> claimAndStart) {
        this.name = name;
        this.free = free;
        this.claimAndStart = claimAndStart;
    }

    public void wake() {
        if (!claiming.compareAndSet(false, true)) {
            wakeAgain.set(true);
            // the claim may have ended between the two lines above without seeing the flag: then claim here
            if (!claiming.compareAndSet(false, true)) {
                return;
            }
        }
        int slots = free.getAsInt();
        if (slots <= 0) {
            claiming.set(false);
            // a slot freed after it was counted, with its wake-up folded into this one: count again
            if (wakeAgain.getAndSet(false)) {
                wake();
            }
            return;
        }
        claimAndStart.apply(slots).subscribe().with(claimed -> {
            claiming.set(false);
            if (wakeAgain.getAndSet(false) || claimed == slots) {
                wake();
            }
        }, failure -> {
            claiming.set(false);
            LOG.warnf("could not claim %s: %s", name, failure.getMessage());
        });
    }
}
