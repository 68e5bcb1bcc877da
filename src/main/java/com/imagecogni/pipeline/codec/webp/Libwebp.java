package com.imagecogni.pipeline.codec.webp;

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
 * The downcalls into the system libwebp 1.2.4 (libwebp.so.7, libwebpdemux.so.2, libwebpmux.so.3). A missing library
 * or symbol never fails class initialisation: it makes {@link #available()} or {@link #animationAvailable()} false,
 * and the callers keep to webp-imageio. Every descriptor is a constant listed in {@link #DOWNCALLS}, so a native-image
 * Feature can register exactly these for downcalls.
 */
public final class Libwebp {

    /** encode.h 1.2.4: WEBP_ENCODER_ABI_VERSION, which the inline WebPConfigInit/WebPPictureInit pass. */
    static final int ENCODER_ABI_VERSION = 0x020f;
    /** decode.h 1.2.4: WEBP_DECODER_ABI_VERSION (WebPGetFeatures). */
    static final int DECODER_ABI_VERSION = 0x0209;
    /** demux.h 1.2.4: WEBP_DEMUX_ABI_VERSION (WebPAnimDecoder*). */
    static final int DEMUX_ABI_VERSION = 0x0107;
    /** mux.h 1.2.4: WEBP_MUX_ABI_VERSION (WebPAnimEncoder*). */
    static final int MUX_ABI_VERSION = 0x0108;

    /** int f(void*): WebPValidateConfig. */
    public static final FunctionDescriptor INT_OF_POINTER = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    /** void f(void*): WebPPictureFree, WebPMemoryWriterInit/Clear, WebPFree, WebPFreeDecBuffer, the anim *Delete. */
    public static final FunctionDescriptor VOID_OF_POINTER = FunctionDescriptor.ofVoid(ADDRESS);
    /** int f(void*, int): WebPPictureInitInternal, WebPConfigLosslessPreset, WebPInitDecoderConfigInternal, anim options. */
    public static final FunctionDescriptor INT_OF_POINTER_INT = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    /** int WebPConfigInitInternal(WebPConfig*, WebPPreset, float quality, int abi). */
    public static final FunctionDescriptor CONFIG_INIT = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT,
            JAVA_INT);
    /** int WebPPictureImportBGRA/BGRX(WebPPicture*, const uint8_t*, int stride). */
    public static final FunctionDescriptor PICTURE_IMPORT = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    /** int WebPEncode(const WebPConfig*, WebPPicture*), int WebPAnimEncoderAssemble(enc, WebPData*). */
    public static final FunctionDescriptor INT_OF_TWO_POINTERS = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    /** VP8StatusCode WebPGetFeaturesInternal(const uint8_t*, size_t, WebPBitstreamFeatures*, int abi). */
    public static final FunctionDescriptor GET_FEATURES = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS,
            JAVA_INT);
    /** VP8StatusCode WebPDecode(const uint8_t*, size_t, WebPDecoderConfig*). */
    public static final FunctionDescriptor DECODE = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
    /** WebPAnimDecoder* WebPAnimDecoderNewInternal(const WebPData*, const WebPAnimDecoderOptions*, int abi). */
    public static final FunctionDescriptor ANIM_DECODER_NEW = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS,
            JAVA_INT);
    /** int WebPAnimDecoderGetNext(WebPAnimDecoder*, uint8_t** buf, int* timestamp). */
    public static final FunctionDescriptor ANIM_DECODER_GET_NEXT = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
            ADDRESS);
    /** WebPAnimEncoder* WebPAnimEncoderNewInternal(int width, int height, const WebPAnimEncoderOptions*, int abi). */
    public static final FunctionDescriptor ANIM_ENCODER_NEW = FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT,
            ADDRESS, JAVA_INT);
    /** int WebPAnimEncoderAdd(WebPAnimEncoder*, WebPPicture*, int timestamp_ms, const WebPConfig*). */
    public static final FunctionDescriptor ANIM_ENCODER_ADD = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
            JAVA_INT, ADDRESS);
    /** const char* WebPAnimEncoderGetError(WebPAnimEncoder*). */
    public static final FunctionDescriptor POINTER_OF_POINTER = FunctionDescriptor.of(ADDRESS, ADDRESS);

    /** Every descriptor above: what a GraalVM native-image Feature registers with RuntimeForeignAccess. */
    public static final List<FunctionDescriptor> DOWNCALLS = List.of(INT_OF_POINTER, VOID_OF_POINTER,
            INT_OF_POINTER_INT, CONFIG_INIT, PICTURE_IMPORT, INT_OF_TWO_POINTERS, GET_FEATURES, DECODE,
            ANIM_DECODER_NEW, ANIM_DECODER_GET_NEXT, ANIM_ENCODER_NEW, ANIM_ENCODER_ADD, POINTER_OF_POINTER);

    /** Why a library or symbol is missing, in binding order; empty when all three libraries bound. */
    private static final List<String> PROBLEMS = new ArrayList<>();
    private static final OptionalBindings BIND = new OptionalBindings(PROBLEMS);

    private static final Optional<NativeLibrary> WEBP = BIND.load("libwebp.so.7");
    private static final Optional<NativeLibrary> DEMUX = BIND.load("libwebpdemux.so.2");
    private static final Optional<NativeLibrary> MUX = BIND.load("libwebpmux.so.3");

    static final MethodHandle CONFIG_INIT_INTERNAL = BIND.bind(WEBP, "WebPConfigInitInternal", CONFIG_INIT);
    static final MethodHandle CONFIG_LOSSLESS_PRESET = BIND.bind(WEBP, "WebPConfigLosslessPreset", INT_OF_POINTER_INT);
    static final MethodHandle VALIDATE_CONFIG = BIND.bind(WEBP, "WebPValidateConfig", INT_OF_POINTER);
    static final MethodHandle PICTURE_INIT_INTERNAL = BIND.bind(WEBP, "WebPPictureInitInternal", INT_OF_POINTER_INT);
    static final MethodHandle PICTURE_IMPORT_BGRA = BIND.bind(WEBP, "WebPPictureImportBGRA", PICTURE_IMPORT);
    static final MethodHandle PICTURE_IMPORT_BGRX = BIND.bind(WEBP, "WebPPictureImportBGRX", PICTURE_IMPORT);
    static final MethodHandle PICTURE_FREE = BIND.bind(WEBP, "WebPPictureFree", VOID_OF_POINTER);
    static final MethodHandle MEMORY_WRITER_INIT = BIND.bind(WEBP, "WebPMemoryWriterInit", VOID_OF_POINTER);
    static final MethodHandle MEMORY_WRITER_CLEAR = BIND.bind(WEBP, "WebPMemoryWriterClear", VOID_OF_POINTER);
    static final MethodHandle ENCODE = BIND.bind(WEBP, "WebPEncode", INT_OF_TWO_POINTERS);
    static final MethodHandle GET_FEATURES_INTERNAL = BIND.bind(WEBP, "WebPGetFeaturesInternal", GET_FEATURES);
    static final MethodHandle INIT_DECODER_CONFIG = BIND.bind(WEBP, "WebPInitDecoderConfigInternal", INT_OF_POINTER_INT);
    static final MethodHandle DECODE_WITH_CONFIG = BIND.bind(WEBP, "WebPDecode", DECODE);
    static final MethodHandle FREE_DEC_BUFFER = BIND.bind(WEBP, "WebPFreeDecBuffer", VOID_OF_POINTER);
    static final MethodHandle FREE = BIND.bind(WEBP, "WebPFree", VOID_OF_POINTER);
    /** int WebPMemoryWrite(const uint8_t*, size_t, const WebPPicture*): libwebp's own writer, passed by address. */
    static final MemorySegment MEMORY_WRITE = BIND.address(WEBP, "WebPMemoryWrite");

    static final MethodHandle ANIM_DECODER_OPTIONS_INIT =
            BIND.bind(DEMUX, "WebPAnimDecoderOptionsInitInternal", INT_OF_POINTER_INT);
    static final MethodHandle ANIM_DECODER_NEW_INTERNAL = BIND.bind(DEMUX, "WebPAnimDecoderNewInternal", ANIM_DECODER_NEW);
    static final MethodHandle ANIM_DECODER_GET_INFO = BIND.bind(DEMUX, "WebPAnimDecoderGetInfo", INT_OF_TWO_POINTERS);
    static final MethodHandle ANIM_DECODER_NEXT = BIND.bind(DEMUX, "WebPAnimDecoderGetNext", ANIM_DECODER_GET_NEXT);
    static final MethodHandle ANIM_DECODER_DELETE = BIND.bind(DEMUX, "WebPAnimDecoderDelete", VOID_OF_POINTER);

    static final MethodHandle ANIM_ENCODER_OPTIONS_INIT =
            BIND.bind(MUX, "WebPAnimEncoderOptionsInitInternal", INT_OF_POINTER_INT);
    static final MethodHandle ANIM_ENCODER_NEW_INTERNAL = BIND.bind(MUX, "WebPAnimEncoderNewInternal", ANIM_ENCODER_NEW);
    static final MethodHandle ANIM_ENCODER_ADD_FRAME = BIND.bind(MUX, "WebPAnimEncoderAdd", ANIM_ENCODER_ADD);
    static final MethodHandle ANIM_ENCODER_ASSEMBLE = BIND.bind(MUX, "WebPAnimEncoderAssemble", INT_OF_TWO_POINTERS);
    static final MethodHandle ANIM_ENCODER_GET_ERROR = BIND.bind(MUX, "WebPAnimEncoderGetError", POINTER_OF_POINTER);
    static final MethodHandle ANIM_ENCODER_DELETE = BIND.bind(MUX, "WebPAnimEncoderDelete", VOID_OF_POINTER);

    private static final boolean STILL = WEBP.isPresent() && PROBLEMS.stream().noneMatch(p -> p.startsWith("libwebp.so"));
    private static final boolean ANIMATION = STILL && PROBLEMS.isEmpty();

    private Libwebp() {
    }

    /** True when libwebp.so.7 and every still-image symbol bound: {@link LibwebpEncoder}, {@link LibwebpDecoder}. */
    public static boolean available() {
        return STILL;
    }

    /** True when libwebpdemux and libwebpmux bound too: {@link LibwebpAnimationDecoder}, {@link LibwebpAnimationEncoder}. */
    public static boolean animationAvailable() {
        return ANIMATION;
    }

    /** What is missing (for a startup log line), or an empty list. */
    public static List<String> problems() {
        return List.copyOf(PROBLEMS);
    }

    /** VP8StatusCode names (decode.h), for error messages. */
    static String statusName(int status) {
        String[] names = {"VP8_STATUS_OK", "VP8_STATUS_OUT_OF_MEMORY", "VP8_STATUS_INVALID_PARAM",
            "VP8_STATUS_BITSTREAM_ERROR", "VP8_STATUS_UNSUPPORTED_FEATURE", "VP8_STATUS_SUSPENDED",
            "VP8_STATUS_USER_ABORT", "VP8_STATUS_NOT_ENOUGH_DATA"};
        return status >= 0 && status < names.length ? names[status] : "VP8_STATUS_" + status;
    }

    /** WebPEncodingError names (encode.h), for error messages. */
    static String encodingErrorName(int error) {
        String[] names = {"VP8_ENC_OK", "VP8_ENC_ERROR_OUT_OF_MEMORY", "VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY",
            "VP8_ENC_ERROR_NULL_PARAMETER", "VP8_ENC_ERROR_INVALID_CONFIGURATION", "VP8_ENC_ERROR_BAD_DIMENSION",
            "VP8_ENC_ERROR_PARTITION0_OVERFLOW", "VP8_ENC_ERROR_PARTITION_OVERFLOW", "VP8_ENC_ERROR_BAD_WRITE",
            "VP8_ENC_ERROR_FILE_TOO_BIG", "VP8_ENC_ERROR_USER_ABORT"};
        return error >= 0 && error < names.length ? names[error] : "VP8_ENC_ERROR_" + error;
    }

    /** Fails with an IllegalStateException naming the problems when a caller skipped {@link #available()}. */
    static void requireStill() {
        if (!STILL) {
            throw new IllegalStateException("the system libwebp is not usable: " + PROBLEMS);
        }
    }

    static void requireAnimation() {
        if (!ANIMATION) {
            throw new IllegalStateException("the system libwebp animation libraries are not usable: " + PROBLEMS);
        }
    }
}
