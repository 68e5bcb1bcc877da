package com.imagecogni.pipeline.codec;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * Lowers the OS scheduling priority of the calling thread (Linux: the nice value is per thread; {@code
 * setpriority(PRIO_PROCESS, gettid(), n)} sets it for that thread alone and needs no privilege to raise it). Image
 * threads run at a higher nice value than the event loop, so a replica busy with images still answers its accept path
 * at once: the kernel gives a runnable event-loop thread the core ahead of them. A no-op where libc lacks the calls.
 */
public final class ThreadNiceness {

    static final FunctionDescriptor SETPRIORITY = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    static final FunctionDescriptor GETTID = FunctionDescriptor.of(JAVA_INT);
    /** For the native image's registration (NativeAccessFeature). */
    static final List<FunctionDescriptor> DOWNCALLS = List.of(SETPRIORITY, GETTID);

    private static final int PRIO_PROCESS = 0;
    private static final Optional<MethodHandle[]> CALLS = bind();

    private ThreadNiceness() {
    }

    /** Sets the calling thread's nice value (0..19); false when the platform cannot. */
    public static boolean lowerCurrentThread(int nice) {
        if (CALLS.isEmpty() || nice < 0 || nice > 19) {
            return false;
        }
        try {
            int tid = (int) CALLS.get()[1].invokeExact();
            return (int) CALLS.get()[0].invokeExact(PRIO_PROCESS, tid, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    private static Optional<MethodHandle[]> bind() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        var setpriority = libc.find("setpriority");
        var gettid = libc.find("gettid");
        if (setpriority.isEmpty() || gettid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MethodHandle[] {linker.downcallHandle(setpriority.get(), SETPRIORITY),
                linker.downcallHandle(gettid.get(), GETTID)});
    }
}
