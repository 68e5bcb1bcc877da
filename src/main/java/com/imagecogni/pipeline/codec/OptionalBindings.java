package com.imagecogni.pipeline.codec;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * Binds the functions of libraries that may be missing or too old without ever failing class initialisation: what
 * cannot be bound is added to {@code problems} (a missing library, a missing symbol, native access denied) and comes
 * back null, and the binding class tells from the problems which of its features are usable.
 */
public final class OptionalBindings {

    private final List<String> problems;

    /** @param problems where each binding's problem is recorded, in binding order */
    public OptionalBindings(List<String> problems) {
        this.problems = problems;
    }

    public Optional<NativeLibrary> load(String soname) {
        Optional<NativeLibrary> library = NativeLibrary.load(soname);
        if (library.isEmpty()) {
            problems.add(soname + " is not installed");
        }
        return library;
    }

    /** A handle to {@code symbol}, or null when the library or the symbol is missing. */
    public MethodHandle bind(Optional<NativeLibrary> library, String symbol, FunctionDescriptor descriptor) {
        if (library.isEmpty()) {
            return null;
        }
        try {
            return library.get().downcall(symbol, descriptor);
        } catch (UnsatisfiedLinkError | IllegalArgumentException | IllegalCallerException e) {
            // a too-old library, or a JVM started without --enable-native-access for this code
            problems.add(library.get().soname() + ": " + e.getMessage());
            return null;
        }
    }

    /** The address of {@code symbol} (a library function passed as a callback), or NULL when it is missing. */
    public MemorySegment address(Optional<NativeLibrary> library, String symbol) {
        if (library.isEmpty()) {
            return MemorySegment.NULL;
        }
        try {
            return library.get().address(symbol);
        } catch (UnsatisfiedLinkError e) {
            problems.add(library.get().soname() + ": " + e.getMessage());
            return MemorySegment.NULL;
        }
    }
}
