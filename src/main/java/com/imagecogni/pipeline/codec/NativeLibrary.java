package com.imagecogni.pipeline.codec;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * A shared library opened by its soname ({@code libheif.so.1}: the unversioned name comes only with the -dev
 * package) for the life of the process, and the downcall handles into it.
 */
public final class NativeLibrary {

    private static final Linker LINKER = Linker.nativeLinker();

    private final String soname;
    private final SymbolLookup symbols;

    private NativeLibrary(String soname, SymbolLookup symbols) {
        this.soname = soname;
        this.symbols = symbols;
    }

    /** The first of {@code sonames} the dynamic linker finds, or empty when none is installed. */
    public static Optional<NativeLibrary> load(String... sonames) {
        for (String soname : sonames) {
            try {
                // the global arena: a codec library stays mapped until the JVM exits
                return Optional.of(new NativeLibrary(soname, SymbolLookup.libraryLookup(soname, Arena.global())));
            } catch (IllegalArgumentException notInstalled) {
                // try the next name
            }
        }
        return Optional.empty();
    }

    public String soname() {
        return soname;
    }

    /** A handle to {@code symbol}; an installed library without it is too old, which is an error, not a fallback. */
    public MethodHandle downcall(String symbol, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment address = symbols.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError(
                soname + " has no symbol " + symbol + "; a newer version of the library is needed"));
        return LINKER.downcallHandle(address, descriptor, options);
    }

    /** The address of {@code symbol}, to pass a library's own function as a callback (libwebp's memory writer). */
    public MemorySegment address(String symbol) {
        return symbols.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError(soname + " has no symbol " + symbol));
    }
}
