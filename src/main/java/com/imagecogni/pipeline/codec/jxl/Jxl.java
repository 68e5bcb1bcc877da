package com.imagecogni.pipeline.codec.jxl;

import com.imagecogni.pipeline.codec.NativeLibrary;
import com.imagecogni.pipeline.codec.OptionalBindings;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The downcalls into the system libjxl 0.7 (libjxl.so.0.7, and libjxl_threads.so.0.7 for its thread pool). A missing
 * library or symbol never fails class initialisation: it makes {@link #available()} false (or, for the threads
 * library alone, {@link #threadsAvailable()}, and coding then runs on the calling thread). Every descriptor is a
 * constant listed in {@link #DOWNCALLS}, so a native-image Feature can register exactly these. The C enums
 * (JxlDecoderStatus, JxlEncoderStatus, ...) are ints on x86_64 and aarch64.
 */
public final class Jxl {

    // --- enum values from decode.h, encode.h, types.h, color_encoding.h (0.7)

    static final int DEC_SUCCESS = 0;
    static final int DEC_ERROR = 1;
    static final int DEC_NEED_MORE_INPUT = 2;
    static final int DEC_NEED_IMAGE_OUT_BUFFER = 5;
    static final int DEC_BASIC_INFO = 0x40;
    static final int DEC_COLOR_ENCODING = 0x100;
    static final int DEC_FULL_IMAGE = 0x1000;
    static final int COLOR_PROFILE_TARGET_DATA = 1;
    static final int ENC_SUCCESS = 0;
    static final int ENC_ERROR = 1;
    static final int ENC_NEED_MORE_OUTPUT = 2;
    static final int ENC_FRAME_SETTING_EFFORT = 0;
    static final int TYPE_UINT8 = 2;
    static final int NATIVE_ENDIAN = 0;
    static final int COLOR_SPACE_RGB = 0;
    static final int COLOR_SPACE_GRAY = 1;
    static final int WHITE_POINT_D65 = 1;
    static final int PRIMARIES_SRGB = 1;
    static final int TRANSFER_FUNCTION_SRGB = 13;

    // --- descriptors: one constant per C signature shape

    /** uint32_t f(void): JxlDecoderVersion. */
    public static final FunctionDescriptor INT_OF_VOID = FunctionDescriptor.of(JAVA_INT);
    /** void* f(void*): JxlDecoderCreate, JxlEncoderCreate, JxlResizableParallelRunnerCreate (memory manager NULL). */
    public static final FunctionDescriptor POINTER_OF_POINTER = FunctionDescriptor.of(ADDRESS, ADDRESS);
    /** void f(void*): the *Destroy functions, Jxl*CloseInput, JxlEncoderInitBasicInfo. */
    public static final FunctionDescriptor VOID_OF_POINTER = FunctionDescriptor.ofVoid(ADDRESS);
    /** status f(void*): JxlDecoderProcessInput, JxlEncoderGetError. */
    public static final FunctionDescriptor INT_OF_POINTER = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    /** status f(void*, int): SubscribeEvents, SetKeepOrientation, SetUnpremultiplyAlpha, SetFrameLossless. */
    public static final FunctionDescriptor INT_OF_POINTER_INT = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    /** status f(void*, const void*): GetBasicInfo, SetPreferredColorProfile, SetBasicInfo, SetColorEncoding. */
    public static final FunctionDescriptor INT_OF_TWO_POINTERS = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    /** status f(void*, void*, void*): Set*ParallelRunner, ImageOutBufferSize, JxlEncoderProcessOutput. */
    public static final FunctionDescriptor INT_OF_THREE_POINTERS = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
            ADDRESS);
    /** status JxlDecoderSetInput(JxlDecoder*, const uint8_t*, size_t). */
    public static final FunctionDescriptor SET_INPUT = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
    /** status f(dec, format, target, out*): GetColorAsEncodedProfile, GetICCProfileSize. */
    public static final FunctionDescriptor GET_PROFILE = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT,
            ADDRESS);
    /** status JxlDecoderGetColorAsICCProfile(dec, format, target, uint8_t*, size_t). */
    public static final FunctionDescriptor GET_ICC_PROFILE = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
            JAVA_INT, ADDRESS, JAVA_LONG);
    /** status f(void*, const JxlPixelFormat*, void* buffer, size_t): SetImageOutBuffer, JxlEncoderAddImageFrame. */
    public static final FunctionDescriptor PIXEL_BUFFER = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
            JAVA_LONG);
    /** void JxlColorEncodingSetToSRGB(JxlColorEncoding*, JXL_BOOL is_gray). */
    public static final FunctionDescriptor VOID_OF_POINTER_INT = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT);
    /** JxlEncoderFrameSettings* JxlEncoderFrameSettingsCreate(JxlEncoder*, const JxlEncoderFrameSettings*). */
    public static final FunctionDescriptor POINTER_OF_TWO_POINTERS = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS);
    /** status JxlEncoderSetFrameDistance(JxlEncoderFrameSettings*, float). */
    public static final FunctionDescriptor INT_OF_POINTER_FLOAT = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_FLOAT);
    /** status JxlEncoderFrameSettingsSetOption(JxlEncoderFrameSettings*, JxlEncoderFrameSettingId, int64_t). */
    public static final FunctionDescriptor SET_OPTION = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG);
    /** void JxlResizableParallelRunnerSetThreads(void*, size_t). */
    public static final FunctionDescriptor VOID_OF_POINTER_SIZE = FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG);
    /** uint32_t JxlResizableParallelRunnerSuggestThreads(uint64_t xsize, uint64_t ysize). */
    public static final FunctionDescriptor INT_OF_TWO_LONGS = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG);

    /** Every descriptor above: what a GraalVM native-image Feature registers with RuntimeForeignAccess. */
    public static final List<FunctionDescriptor> DOWNCALLS = List.of(INT_OF_VOID, POINTER_OF_POINTER, VOID_OF_POINTER,
            INT_OF_POINTER, INT_OF_POINTER_INT, INT_OF_TWO_POINTERS, INT_OF_THREE_POINTERS, SET_INPUT, GET_PROFILE,
            GET_ICC_PROFILE, PIXEL_BUFFER, VOID_OF_POINTER_INT, POINTER_OF_TWO_POINTERS, INT_OF_POINTER_FLOAT,
            SET_OPTION, VOID_OF_POINTER_SIZE, INT_OF_TWO_LONGS);

    /** Why a library or symbol is missing, in binding order; empty when both libraries bound. */
    private static final List<String> PROBLEMS = new ArrayList<>();
    private static final OptionalBindings BIND = new OptionalBindings(PROBLEMS);

    private static final Optional<NativeLibrary> JXL = BIND.load("libjxl.so.0.7");
    private static final Optional<NativeLibrary> THREADS = BIND.load("libjxl_threads.so.0.7");

    static final MethodHandle DECODER_VERSION = BIND.bind(JXL, "JxlDecoderVersion", INT_OF_VOID);
    static final MethodHandle DECODER_CREATE = BIND.bind(JXL, "JxlDecoderCreate", POINTER_OF_POINTER);
    static final MethodHandle DECODER_DESTROY = BIND.bind(JXL, "JxlDecoderDestroy", VOID_OF_POINTER);
    static final MethodHandle DECODER_SUBSCRIBE_EVENTS = BIND.bind(JXL, "JxlDecoderSubscribeEvents", INT_OF_POINTER_INT);
    static final MethodHandle DECODER_SET_KEEP_ORIENTATION =
            BIND.bind(JXL, "JxlDecoderSetKeepOrientation", INT_OF_POINTER_INT);
    static final MethodHandle DECODER_SET_UNPREMULTIPLY_ALPHA =
            BIND.bind(JXL, "JxlDecoderSetUnpremultiplyAlpha", INT_OF_POINTER_INT);
    static final MethodHandle DECODER_SET_PARALLEL_RUNNER =
            BIND.bind(JXL, "JxlDecoderSetParallelRunner", INT_OF_THREE_POINTERS);
    static final MethodHandle DECODER_SET_INPUT = BIND.bind(JXL, "JxlDecoderSetInput", SET_INPUT);
    static final MethodHandle DECODER_CLOSE_INPUT = BIND.bind(JXL, "JxlDecoderCloseInput", VOID_OF_POINTER);
    static final MethodHandle DECODER_PROCESS_INPUT = BIND.bind(JXL, "JxlDecoderProcessInput", INT_OF_POINTER);
    static final MethodHandle DECODER_GET_BASIC_INFO = BIND.bind(JXL, "JxlDecoderGetBasicInfo", INT_OF_TWO_POINTERS);
    static final MethodHandle DECODER_SET_PREFERRED_COLOR_PROFILE =
            BIND.bind(JXL, "JxlDecoderSetPreferredColorProfile", INT_OF_TWO_POINTERS);
    static final MethodHandle DECODER_GET_COLOR_AS_ENCODED_PROFILE =
            BIND.bind(JXL, "JxlDecoderGetColorAsEncodedProfile", GET_PROFILE);
    static final MethodHandle DECODER_GET_ICC_PROFILE_SIZE = BIND.bind(JXL, "JxlDecoderGetICCProfileSize", GET_PROFILE);
    static final MethodHandle DECODER_GET_COLOR_AS_ICC_PROFILE =
            BIND.bind(JXL, "JxlDecoderGetColorAsICCProfile", GET_ICC_PROFILE);
    static final MethodHandle DECODER_IMAGE_OUT_BUFFER_SIZE =
            BIND.bind(JXL, "JxlDecoderImageOutBufferSize", INT_OF_THREE_POINTERS);
    static final MethodHandle DECODER_SET_IMAGE_OUT_BUFFER = BIND.bind(JXL, "JxlDecoderSetImageOutBuffer", PIXEL_BUFFER);
    static final MethodHandle COLOR_ENCODING_SET_TO_SRGB = BIND.bind(JXL, "JxlColorEncodingSetToSRGB", VOID_OF_POINTER_INT);

    static final MethodHandle ENCODER_CREATE = BIND.bind(JXL, "JxlEncoderCreate", POINTER_OF_POINTER);
    static final MethodHandle ENCODER_DESTROY = BIND.bind(JXL, "JxlEncoderDestroy", VOID_OF_POINTER);
    static final MethodHandle ENCODER_SET_PARALLEL_RUNNER =
            BIND.bind(JXL, "JxlEncoderSetParallelRunner", INT_OF_THREE_POINTERS);
    static final MethodHandle ENCODER_GET_ERROR = BIND.bind(JXL, "JxlEncoderGetError", INT_OF_POINTER);
    static final MethodHandle ENCODER_INIT_BASIC_INFO = BIND.bind(JXL, "JxlEncoderInitBasicInfo", VOID_OF_POINTER);
    static final MethodHandle ENCODER_SET_BASIC_INFO = BIND.bind(JXL, "JxlEncoderSetBasicInfo", INT_OF_TWO_POINTERS);
    static final MethodHandle ENCODER_SET_COLOR_ENCODING = BIND.bind(JXL, "JxlEncoderSetColorEncoding", INT_OF_TWO_POINTERS);
    static final MethodHandle ENCODER_FRAME_SETTINGS_CREATE =
            BIND.bind(JXL, "JxlEncoderFrameSettingsCreate", POINTER_OF_TWO_POINTERS);
    static final MethodHandle ENCODER_SET_FRAME_DISTANCE = BIND.bind(JXL, "JxlEncoderSetFrameDistance", INT_OF_POINTER_FLOAT);
    static final MethodHandle ENCODER_SET_FRAME_LOSSLESS = BIND.bind(JXL, "JxlEncoderSetFrameLossless", INT_OF_POINTER_INT);
    static final MethodHandle ENCODER_FRAME_SETTINGS_SET_OPTION =
            BIND.bind(JXL, "JxlEncoderFrameSettingsSetOption", SET_OPTION);
    static final MethodHandle ENCODER_ADD_IMAGE_FRAME = BIND.bind(JXL, "JxlEncoderAddImageFrame", PIXEL_BUFFER);
    static final MethodHandle ENCODER_CLOSE_INPUT = BIND.bind(JXL, "JxlEncoderCloseInput", VOID_OF_POINTER);
    static final MethodHandle ENCODER_PROCESS_OUTPUT = BIND.bind(JXL, "JxlEncoderProcessOutput", INT_OF_THREE_POINTERS);

    static final MethodHandle RUNNER_CREATE = BIND.bind(THREADS, "JxlResizableParallelRunnerCreate", POINTER_OF_POINTER);
    static final MethodHandle RUNNER_SET_THREADS =
            BIND.bind(THREADS, "JxlResizableParallelRunnerSetThreads", VOID_OF_POINTER_SIZE);
    static final MethodHandle RUNNER_SUGGEST_THREADS =
            BIND.bind(THREADS, "JxlResizableParallelRunnerSuggestThreads", INT_OF_TWO_LONGS);
    static final MethodHandle RUNNER_DESTROY = BIND.bind(THREADS, "JxlResizableParallelRunnerDestroy", VOID_OF_POINTER);
    /** JxlParallelRetCode JxlResizableParallelRunner(...): the pool's own entry point, passed to libjxl by address. */
    static final MemorySegment RUNNER = BIND.address(THREADS, "JxlResizableParallelRunner");

    private static final boolean CODEC = JXL.isPresent() && PROBLEMS.stream().noneMatch(p -> p.startsWith("libjxl.so"));
    private static final boolean POOL = CODEC && PROBLEMS.isEmpty();

    private Jxl() {
    }

    /** True when libjxl.so.0.7 and every symbol the decoder and encoder use bound. */
    public static boolean available() {
        return CODEC;
    }

    /** True when libjxl_threads.so.0.7 bound too: decoding and encoding then use every core. */
    public static boolean threadsAvailable() {
        return POOL;
    }

    /** What is missing (for a startup log line), or an empty list. */
    public static List<String> problems() {
        return List.copyOf(PROBLEMS);
    }

    /** libjxl's version ("0.7.0"), or empty when unavailable. */
    public static String version() {
        if (!CODEC) {
            return "";
        }
        try {
            int v = (int) DECODER_VERSION.invokeExact(); // major * 1000000 + minor * 1000 + patch
            return v / 1_000_000 + "." + v / 1000 % 1000 + "." + v % 1000;
        } catch (Throwable t) {
            throw new IllegalStateException("JxlDecoderVersion failed", t);
        }
    }

    /** Fails with an IllegalStateException naming the problems when a caller skipped {@link #available()}. */
    static void require() {
        if (!CODEC) {
            throw new IllegalStateException("the system libjxl is not usable: " + PROBLEMS);
        }
    }

    /** JxlEncoderError names (encode.h 0.7), for error messages. */
    static String encoderErrorName(int error) {
        return switch (error) {
            case 0 -> "JXL_ENC_ERR_OK";
            case 1 -> "JXL_ENC_ERR_GENERIC";
            case 2 -> "JXL_ENC_ERR_OOM";
            case 3 -> "JXL_ENC_ERR_JBRD";
            case 4 -> "JXL_ENC_ERR_BAD_INPUT";
            case 0x80 -> "JXL_ENC_ERR_NOT_SUPPORTED";
            case 0x81 -> "JXL_ENC_ERR_API_USAGE";
            default -> "JxlEncoderError " + error;
        };
    }
}
