package com.imagecogni.pipeline.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The nice value is set for the calling thread alone, as the kernel reports it; out-of-range values are refused. */
class ThreadNicenessTest {

    @Test
    void onlyTheCallingThreadIsLowered() throws Exception {
        Optional<Integer> before = ThreadNiceness.currentThread();
        AtomicReference<Optional<Integer>> inside = new AtomicReference<>();
        AtomicReference<Boolean> lowered = new AtomicReference<>();
        Thread image = new Thread(() -> {
            lowered.set(ThreadNiceness.lowerCurrentThread(12));
            inside.set(ThreadNiceness.currentThread());
        });
        image.start();
        image.join();
        assertTrue(lowered.get(), "setpriority succeeded");
        assertEquals(Optional.of(12), inside.get());
        assertEquals(before, ThreadNiceness.currentThread(), "the test's own thread is untouched");
        assertEquals(false, ThreadNiceness.lowerCurrentThread(20));
        assertEquals(false, ThreadNiceness.lowerCurrentThread(-1));
    }
}
