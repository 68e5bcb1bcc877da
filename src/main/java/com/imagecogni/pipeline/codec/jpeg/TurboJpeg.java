package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.pipeline.codec.NativeLibrary;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The downcalls into libjpeg-turbo's TurboJPEG 2.1 API ({@code libturbojpeg.so.0}, Debian 12's libturbojpeg0); the tj3
 * API would need libjpeg-turbo 3. A missing library makes {@link #available()} false instead of failing class init.
 */
public final class TurboJpeg {

    /** {@code unsigned long} is 64 bits on the LP64 Linux targets this binding is for. */
    private static final ValueLayout C_ULONG = JAVA_LONG;

    static final FunctionDescriptor INIT = FunctionDescriptor.of(ADDRESS);
    static final FunctionDescriptor DESTROY = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final FunctionDescriptor DECOMPRESS_HEADER3 = FunctionDescriptor.of(JAVA_INT,
            ADDRESS, ADDRESS, C_ULONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    static final FunctionDescriptor GET_SCALING_FACTORS = FunctionDescriptor.of(ADDRESS, ADDRESS);
    static final FunctionDescriptor DECOMPRESS2 = FunctionDescriptor.of(JAVA_INT,
            ADDRESS, ADDRESS, C_ULONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    static final FunctionDescriptor COMPRESS2 = FunctionDescriptor.of(JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT);
    static final FunctionDescriptor GET_ERROR_STR2 = FunctionDescriptor.of(ADDRESS, ADDRESS);
    static final FunctionDescriptor GET_ERROR_CODE = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final FunctionDescriptor FREE = FunctionDescriptor.ofVoid(ADDRESS);
    static final FunctionDescriptor BUF_SIZE = FunctionDescriptor.of(C_ULONG, JAVA_INT, JAVA_INT, JAVA_INT);

    /**
     * Every descriptor this binding links, so a GraalVM native-image Feature can register exactly these downcalls
     * (tjInitDecompress and tjInitCompress share {@link #INIT}).
     */
    public static final List<FunctionDescriptor> DOWNCALLS = List.of(INIT, DESTROY, DECOMPRESS_HEADER3,
            GET_SCALING_FACTORS, DECOMPRESS2, COMPRESS2, GET_ERROR_STR2, GET_ERROR_CODE, FREE, BUF_SIZE);

    // turbojpeg.h constants (2.1)
    static final int TJSAMP_444 = 0;
    static final int TJSAMP_420 = 2;
    static final int TJCS_CMYK = 3;
    static final int TJCS_YCCK = 4;
    static final int TJPF_BGRX = 3;
    static final int TJPF_XRGB = 5;
    static final int TJFLAG_FASTUPSAMPLE = 256;
    static final int TJFLAG_FASTDCT = 2048;
    static final int TJFLAG_ACCURATEDCT = 4096;
    static final int TJFLAG_STOPONWARNING = 8192;
    static final int TJFLAG_PROGRESSIVE = 16384;
    /** Fails a decode past 500 progressive scans: a backstop behind the header parser's own, lower scan limit. */
    static final int TJFLAG_LIMITSCANS = 32768;
    static final int TJERR_WARNING = 0;
    /** turbojpeg's error strings live in {@code char[JMSG_LENGTH_MAX]} buffers. */
    private static final long JMSG_LENGTH_MAX = 200;

    /**
     * The 4-byte pixel format whose bytes read as one native-order {@code 0x..RRGGBB} int, which is what
     * TYPE_INT_RGB stores: BGRX on little-endian, XRGB on big-endian. libjpeg-turbo fills the X byte with 0xFF, which
     * TYPE_INT_RGB's colour model ignores.
     */
    static final int PIXEL_FORMAT_INT_RGB = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? TJPF_BGRX : TJPF_XRGB;

    private static final Optional<Functions> FUNCTIONS = link();

    private TurboJpeg() {
    }

    /** Whether libturbojpeg is installed and has the 2.1 symbols; the codec classes need it. */
    public static boolean available() {
        return FUNCTIONS.isPresent();
    }

    /** The linked functions; callers check {@link #available()} first. */
    static Functions functions() {
        return FUNCTIONS.orElseThrow(() -> new IllegalStateException("libturbojpeg.so.0 is not installed"));
    }

    private static Optional<Functions> link() {
        try {
            return NativeLibrary.load("libturbojpeg.so.0").map(Functions::new);
        } catch (UnsatisfiedLinkError | IllegalCallerException tooOldOrNoNativeAccess) {
            // an older library without a 2.x symbol, or native access denied: JPEG stays on the ImageIO path
            return Optional.empty();
        }
    }

    /** The method handles, one per TurboJPEG function used. */
    record Functions(MethodHandle initDecompress, MethodHandle initCompress, MethodHandle destroy,
            MethodHandle decompressHeader3, MethodHandle getScalingFactors, MethodHandle decompress2,
            MethodHandle compress2, MethodHandle getErrorStr2, MethodHandle getErrorCode, MethodHandle free,
            MethodHandle bufSize) {

        Functions(NativeLibrary lib) {
            this(lib.downcall("tjInitDecompress", INIT), lib.downcall("tjInitCompress", INIT),
                    lib.downcall("tjDestroy", DESTROY), lib.downcall("tjDecompressHeader3", DECOMPRESS_HEADER3),
                    lib.downcall("tjGetScalingFactors", GET_SCALING_FACTORS),
                    lib.downcall("tjDecompress2", DECOMPRESS2), lib.downcall("tjCompress2", COMPRESS2),
                    lib.downcall("tjGetErrorStr2", GET_ERROR_STR2), lib.downcall("tjGetErrorCode", GET_ERROR_CODE),
                    lib.downcall("tjFree", FREE), lib.downcall("tjBufSize", BUF_SIZE));
        }
    }

    /** The handle's last error message (turbojpeg keeps it in the instance until the next call on it). */
    static String errorMessage(MemorySegment handle) {
        try {
            MemorySegment text = (MemorySegment) functions().getErrorStr2().invokeExact(handle);
            return text.equals(MemorySegment.NULL) ? "unknown error" : text.reinterpret(JMSG_LENGTH_MAX).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Whether the handle's last failure was a warning (libjpeg-turbo 2.1 reports a truncated file this way). */
    static boolean lastErrorWasWarning(MemorySegment handle) {
        try {
            return (int) functions().getErrorCode().invokeExact(handle) == TJERR_WARNING;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Frees a TurboJPEG instance; NULL (a failed init) is ignored. */
    static void destroy(MemorySegment handle) {
        if (handle.equals(MemorySegment.NULL)) {
            return;
        }
        try {
            int ignored = (int) functions().destroy().invokeExact(handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Downcalls declare Throwable; only Errors and RuntimeExceptions can actually come out of them. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
