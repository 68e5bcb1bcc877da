package com.imagecogni.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much native memory the process holds, for the codecs' leak tests. glibc's malloc count (mallinfo2, summed over
 * all arenas) is what the codecs and the Arenas allocate from and what the Java heap does not touch, so it is the
 * measure asserted on; the resident set is printed beside it, since the heap moves it both ways in a shared test JVM.
 */
public final class NativeMemory {

    /** glibc 2.33+: {@code struct mallinfo2 mallinfo2(void)}, ten size_t fields. */
    private static final StructLayout MALLINFO2 = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(10, ValueLayout.JAVA_LONG));
    private static final MethodHandle MALLINFO = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("mallinfo2").orElseThrow(), FunctionDescriptor.of(MALLINFO2));

    private NativeMemory() {
    }

    /** Bytes malloc has handed out and not had back: in its heaps (uordblks) and in mmapped blocks (hblkhd). */
    public static long mallocInUse() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = (MemorySegment) MALLINFO.invokeExact((SegmentAllocator) arena);
            return info.getAtIndex(ValueLayout.JAVA_LONG, 4) + info.getAtIndex(ValueLayout.JAVA_LONG, 7);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * {@link #mallocInUse()} once the JVM's own transient allocations (a JIT compilation's arenas, several MB while it
     * runs) are gone: the least of five samples 50 ms apart.
     */
    public static long settledMallocInUse() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            least = Math.min(least, mallocInUse());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return least;
    }

    /** VmRSS of this process, in bytes. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
