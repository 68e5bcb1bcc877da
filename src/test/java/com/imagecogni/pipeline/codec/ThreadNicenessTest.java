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
        Optional<Integer> before = niceOfCurrentThread();
        AtomicReference<Optional<Integer>> inside = new AtomicReference<>();
        AtomicReference<Boolean> lowered = new AtomicReference<>();
        Thread image = new Thread(() -> {
            lowered.set(ThreadNiceness.lowerCurrentThread(12));
            inside.set(niceOfCurrentThread());
        });
        image.start();
        image.join();
        assertTrue(lowered.get(), "setpriority succeeded");
        assertEquals(Optional.of(12), inside.get());
        assertEquals(before, niceOfCurrentThread(), "the test's own thread is untouched");
        assertEquals(false, ThreadNiceness.lowerCurrentThread(20));
        assertEquals(false, ThreadNiceness.lowerCurrentThread(-1));
    }

    /** The nice value of the calling thread as the kernel reports it ({@code /proc/thread-self/stat}). */
    private static Optional<Integer> niceOfCurrentThread() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
            // the fields after the command name (in parentheses, which may hold spaces): nice is field 19
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Integer.parseInt(fields[16]));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
