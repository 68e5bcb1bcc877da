package com.imagecogni.pipeline.codec.heif;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Writes a libheif context into a Java byte array through heif_context_write and a heif_writer whose {@code write}
 * callback is an upcall into this class. One stub serves every call: the buffer of the current call is found through a
 * scoped value, as libheif calls the writer synchronously on the calling thread.
 */
final class HeifOutput {

    private static final ScopedValue<Sink> SINK = ScopedValue.newInstance();
    private static final MemorySegment OK = errorStruct(0, "Success");
    private static final MemorySegment FAILED = errorStruct(HeifBinding.ERROR_ENCODING,
            "the output could not be collected in the Java heap");
    private static final MemorySegment CALLBACK =
            HeifBinding.writerCallback(MethodHandles.lookup(), HeifOutput.class, "write");

    private HeifOutput() {
    }

    /** The whole HEIF/AVIF file of {@code context}. */
    static byte[] write(Arena arena, MemorySegment context) {
        MemorySegment writer = arena.allocate(HeifBinding.HEIF_WRITER);
        writer.set(JAVA_INT, HeifBinding.HEIF_WRITER.byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("writer_api_version")), 1);
        writer.set(ADDRESS, HeifBinding.HEIF_WRITER.byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("write")), CALLBACK);
        Sink sink = new Sink();
        ScopedValue.where(SINK, sink).run(() -> HeifBinding.contextWrite(arena, context, writer));
        if (sink.failed) {
            throw new HeifFailure(HeifBinding.ERROR_ENCODING, 0, "the output could not be collected");
        }
        return sink.toByteArray();
    }

    /**
     * The heif_writer callback. An exception must not cross back into C (the JVM would crash), so every failure
     * becomes a heif_error that heif_context_write returns.
     */
    @SuppressWarnings("unused") // called from native code through CALLBACK
    private static MemorySegment write(MemorySegment context, MemorySegment data, long size, MemorySegment userdata) {
        Sink sink = SINK.isBound() ? SINK.get() : null;
        try {
            if (sink == null || size < 0 || size > Integer.MAX_VALUE - 16) {
                return FAILED;
            }
            sink.append(data.reinterpret(size));
            return OK;
        } catch (Throwable e) { // OutOfMemoryError included
            if (sink != null) {
                sink.failed = true;
            }
            return FAILED;
        }
    }

    private static MemorySegment errorStruct(int code, String message) {
        MemorySegment error = Arena.global().allocate(HeifBinding.HEIF_ERROR);
        error.set(JAVA_INT, 0, code);
        error.set(JAVA_INT, 4, 0);
        error.set(ADDRESS, 8, Arena.global().allocateFrom(message));
        return error;
    }

    /** A growable byte buffer (ByteArrayOutputStream without the synchronisation and the stream API). */
    private static final class Sink {
        private byte[] bytes = new byte[64 * 1024];
        private int size;
        private boolean failed;

        void append(MemorySegment data) {
            int length = (int) data.byteSize();
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + length, (int) Math.min(Integer.MAX_VALUE - 16,
                        bytes.length * 2L)));
            }
            MemorySegment.copy(data, JAVA_BYTE, 0, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
