package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.codec.NativeLibrary;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The java.lang.foreign binding of libheif 1.15 ({@code libheif.so.1}): every function descriptor as a constant (listed
 * in {@link #DOWNCALLS} and {@link #UPCALLS} so a native-image Feature can register exactly these), the struct layouts
 * from heif.h, and one typed method per C function. When the library or a symbol is missing, {@link #available()} is
 * false and nothing else may be called; loading never throws.
 */
public final class HeifBinding {

    // --- enum values from heif.h

    static final int COMPRESSION_HEVC = 1;
    static final int COMPRESSION_AV1 = 4;
    static final int COLORSPACE_RGB = 1;
    static final int CHROMA_INTERLEAVED_RGB = 10;
    static final int CHROMA_INTERLEAVED_RGBA = 11;
    static final int CHROMA_INTERLEAVED_RRGGBB_LE = 14;
    static final int CHROMA_INTERLEAVED_RRGGBBAA_LE = 15;
    static final int CHANNEL_INTERLEAVED = 10;
    static final int PROFILE_RICC = fourcc("rICC");
    static final int PROFILE_PROF = fourcc("prof");
    static final int ERROR_MEMORY_ALLOCATION = 6;
    static final int ERROR_ENCODING = 9;
    static final int SUBERROR_SECURITY_LIMIT_EXCEEDED = 1000;
    static final int SUBERROR_UNSUPPORTED_CODEC = 3000;

    // --- struct layouts from heif.h

    /** {@code struct heif_error { enum heif_error_code code; enum heif_suberror_code subcode; const char* message; }}. */
    public static final StructLayout HEIF_ERROR = MemoryLayout.structLayout(
            JAVA_INT.withName("code"), JAVA_INT.withName("subcode"), ADDRESS.withName("message"));
    /** {@code struct heif_writer { int writer_api_version; struct heif_error (*write)(ctx, data, size, userdata); }}. */
    public static final StructLayout HEIF_WRITER = MemoryLayout.structLayout(
            JAVA_INT.withName("writer_api_version"), MemoryLayout.paddingLayout(4), ADDRESS.withName("write"));
    /** The first fields of {@code struct heif_decoding_options} (allocated by libheif, only written here). */
    static final long DECODING_OPTIONS_VERSION = 0;
    static final long DECODING_OPTIONS_CONVERT_HDR_TO_8BIT = 40;
    /** Offsets in {@code struct heif_encoding_options} (version 5 in 1.15), allocated by libheif. */
    static final long ENCODING_OPTIONS_VERSION = 0;
    static final long ENCODING_OPTIONS_SAVE_TWO_COLR_BOXES = 3;
    static final long ENCODING_OPTIONS_IMAGE_ORIENTATION = 20;

    private static final AddressLayout C_STRING = ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(Long.MAX_VALUE, JAVA_BYTE));
    private static final long SIZE_T_MAX_STRING = 4096;

    // --- descriptors: one constant per C signature shape used below

    static final FunctionDescriptor VERSION = FunctionDescriptor.of(ADDRESS);
    static final FunctionDescriptor INIT = FunctionDescriptor.of(HEIF_ERROR, ADDRESS);
    static final FunctionDescriptor CONTEXT_ALLOC = FunctionDescriptor.of(ADDRESS);
    static final FunctionDescriptor FREE_POINTER = FunctionDescriptor.ofVoid(ADDRESS);
    static final FunctionDescriptor CONTEXT_SET_MAX_SIZE = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT);
    static final FunctionDescriptor READ_FROM_MEMORY = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
    static final FunctionDescriptor GET_PRIMARY_HANDLE = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS);
    static final FunctionDescriptor INT_OF_POINTER = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    static final FunctionDescriptor INT_OF_INT = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    static final FunctionDescriptor BRAND_OF_DATA = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    static final FunctionDescriptor HAS_COMPATIBLE_BRAND = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    static final FunctionDescriptor METADATA_IDS = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT);
    static final FunctionDescriptor METADATA_STRING = FunctionDescriptor.of(C_STRING, ADDRESS, JAVA_INT);
    static final FunctionDescriptor METADATA_SIZE = FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT);
    static final FunctionDescriptor GET_METADATA = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, JAVA_INT, ADDRESS);
    static final FunctionDescriptor SIZE_OF_POINTER = FunctionDescriptor.of(JAVA_LONG, ADDRESS);
    static final FunctionDescriptor ERROR_OF_TWO_POINTERS = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS);
    static final FunctionDescriptor ALLOC_OPTIONS = FunctionDescriptor.of(ADDRESS);
    static final FunctionDescriptor DECODE_IMAGE = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
    static final FunctionDescriptor IMAGE_CHANNEL_INT = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    static final FunctionDescriptor IMAGE_GET_PLANE = FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
    static final FunctionDescriptor GET_ENCODER_FOR_FORMAT = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, JAVA_INT, ADDRESS);
    static final FunctionDescriptor ERROR_OF_POINTER_INT = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, JAVA_INT);
    static final FunctionDescriptor SET_PARAMETER_INTEGER = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS, JAVA_INT);
    static final FunctionDescriptor SET_PARAMETER_STRING = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS, ADDRESS);
    static final FunctionDescriptor IMAGE_CREATE = FunctionDescriptor.of(HEIF_ERROR, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    static final FunctionDescriptor IMAGE_ADD_PLANE = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    static final FunctionDescriptor SET_RAW_COLOR_PROFILE = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
    static final FunctionDescriptor NCLX_SET_SHORT = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, JAVA_SHORT);
    static final FunctionDescriptor ENCODE_IMAGE = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    static final FunctionDescriptor ADD_METADATA = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS, ADDRESS, JAVA_INT);
    static final FunctionDescriptor CONTEXT_WRITE = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS, ADDRESS);
    /** The heif_writer {@code write} callback: {@code struct heif_error (*)(heif_context*, const void*, size_t, void*)}. */
    static final FunctionDescriptor WRITER_WRITE = FunctionDescriptor.of(HEIF_ERROR, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);

    /** Every downcall descriptor, for registration with GraalVM native-image. */
    public static final List<FunctionDescriptor> DOWNCALLS = List.of(VERSION, INIT, CONTEXT_ALLOC, FREE_POINTER,
            CONTEXT_SET_MAX_SIZE, READ_FROM_MEMORY, GET_PRIMARY_HANDLE, INT_OF_POINTER, INT_OF_INT, BRAND_OF_DATA,
            HAS_COMPATIBLE_BRAND, METADATA_IDS, METADATA_STRING, METADATA_SIZE, GET_METADATA, SIZE_OF_POINTER,
            ERROR_OF_TWO_POINTERS, ALLOC_OPTIONS, DECODE_IMAGE, IMAGE_CHANNEL_INT, IMAGE_GET_PLANE,
            GET_ENCODER_FOR_FORMAT, ERROR_OF_POINTER_INT, SET_PARAMETER_INTEGER, SET_PARAMETER_STRING, IMAGE_CREATE,
            IMAGE_ADD_PLANE, SET_RAW_COLOR_PROFILE, NCLX_SET_SHORT, ENCODE_IMAGE, ADD_METADATA, CONTEXT_WRITE);
    /** Every upcall descriptor (the heif_writer callback), for registration with GraalVM native-image. */
    public static final List<FunctionDescriptor> UPCALLS = List.of(WRITER_WRITE);

    // --- loading: a missing library or symbol leaves the handles null and available() false

    private static final Optional<NativeLibrary> LIBRARY = NativeLibrary.load("libheif.so.1");
    private static final List<String> MISSING = new ArrayList<>();

    private static final MethodHandle get_version = bind("heif_get_version", VERSION);
    private static final MethodHandle init = bind("heif_init", INIT);
    private static final MethodHandle context_alloc = bind("heif_context_alloc", CONTEXT_ALLOC);
    private static final MethodHandle context_free = bind("heif_context_free", FREE_POINTER);
    private static final MethodHandle context_set_maximum_image_size_limit =
            bind("heif_context_set_maximum_image_size_limit", CONTEXT_SET_MAX_SIZE);
    private static final MethodHandle context_read_from_memory_without_copy =
            bind("heif_context_read_from_memory_without_copy", READ_FROM_MEMORY);
    private static final MethodHandle context_get_primary_image_handle =
            bind("heif_context_get_primary_image_handle", GET_PRIMARY_HANDLE);
    private static final MethodHandle image_handle_release = bind("heif_image_handle_release", FREE_POINTER);
    private static final MethodHandle image_handle_get_width = bind("heif_image_handle_get_width", INT_OF_POINTER);
    private static final MethodHandle image_handle_get_height = bind("heif_image_handle_get_height", INT_OF_POINTER);
    private static final MethodHandle image_handle_has_alpha_channel =
            bind("heif_image_handle_has_alpha_channel", INT_OF_POINTER);
    private static final MethodHandle image_handle_is_premultiplied_alpha =
            bind("heif_image_handle_is_premultiplied_alpha", INT_OF_POINTER);
    private static final MethodHandle image_handle_get_luma_bits_per_pixel =
            bind("heif_image_handle_get_luma_bits_per_pixel", INT_OF_POINTER);
    private static final MethodHandle have_decoder_for_format = bind("heif_have_decoder_for_format", INT_OF_INT);
    private static final MethodHandle have_encoder_for_format = bind("heif_have_encoder_for_format", INT_OF_INT);
    private static final MethodHandle read_main_brand = bind("heif_read_main_brand", BRAND_OF_DATA);
    private static final MethodHandle has_compatible_brand = bind("heif_has_compatible_brand", HAS_COMPATIBLE_BRAND);
    private static final MethodHandle image_handle_get_list_of_metadata_block_IDs =
            bind("heif_image_handle_get_list_of_metadata_block_IDs", METADATA_IDS);
    private static final MethodHandle image_handle_get_metadata_type =
            bind("heif_image_handle_get_metadata_type", METADATA_STRING);
    private static final MethodHandle image_handle_get_metadata_content_type =
            bind("heif_image_handle_get_metadata_content_type", METADATA_STRING);
    private static final MethodHandle image_handle_get_metadata_size =
            bind("heif_image_handle_get_metadata_size", METADATA_SIZE);
    private static final MethodHandle image_handle_get_metadata = bind("heif_image_handle_get_metadata", GET_METADATA);
    private static final MethodHandle image_handle_get_color_profile_type =
            bind("heif_image_handle_get_color_profile_type", INT_OF_POINTER);
    private static final MethodHandle image_handle_get_raw_color_profile_size =
            bind("heif_image_handle_get_raw_color_profile_size", SIZE_OF_POINTER);
    private static final MethodHandle image_handle_get_raw_color_profile =
            bind("heif_image_handle_get_raw_color_profile", ERROR_OF_TWO_POINTERS);
    private static final MethodHandle decoding_options_alloc = bind("heif_decoding_options_alloc", ALLOC_OPTIONS);
    private static final MethodHandle decoding_options_free = bind("heif_decoding_options_free", FREE_POINTER);
    private static final MethodHandle decode_image = bind("heif_decode_image", DECODE_IMAGE);
    private static final MethodHandle image_get_width = bind("heif_image_get_width", IMAGE_CHANNEL_INT);
    private static final MethodHandle image_get_height = bind("heif_image_get_height", IMAGE_CHANNEL_INT);
    private static final MethodHandle image_get_bits_per_pixel_range =
            bind("heif_image_get_bits_per_pixel_range", IMAGE_CHANNEL_INT);
    private static final MethodHandle image_get_plane_readonly = bind("heif_image_get_plane_readonly", IMAGE_GET_PLANE);
    private static final MethodHandle image_get_plane = bind("heif_image_get_plane", IMAGE_GET_PLANE);
    private static final MethodHandle image_is_premultiplied_alpha =
            bind("heif_image_is_premultiplied_alpha", INT_OF_POINTER);
    private static final MethodHandle image_release = bind("heif_image_release", FREE_POINTER);
    private static final MethodHandle context_get_encoder_for_format =
            bind("heif_context_get_encoder_for_format", GET_ENCODER_FOR_FORMAT);
    private static final MethodHandle encoder_release = bind("heif_encoder_release", FREE_POINTER);
    private static final MethodHandle encoder_set_lossy_quality =
            bind("heif_encoder_set_lossy_quality", ERROR_OF_POINTER_INT);
    private static final MethodHandle encoder_set_lossless = bind("heif_encoder_set_lossless", ERROR_OF_POINTER_INT);
    private static final MethodHandle encoder_set_parameter_integer =
            bind("heif_encoder_set_parameter_integer", SET_PARAMETER_INTEGER);
    private static final MethodHandle encoder_set_parameter_string =
            bind("heif_encoder_set_parameter_string", SET_PARAMETER_STRING);
    private static final MethodHandle image_create = bind("heif_image_create", IMAGE_CREATE);
    private static final MethodHandle image_add_plane = bind("heif_image_add_plane", IMAGE_ADD_PLANE);
    private static final MethodHandle image_set_raw_color_profile =
            bind("heif_image_set_raw_color_profile", SET_RAW_COLOR_PROFILE);
    private static final MethodHandle image_set_nclx_color_profile =
            bind("heif_image_set_nclx_color_profile", ERROR_OF_TWO_POINTERS);
    private static final MethodHandle nclx_color_profile_alloc = bind("heif_nclx_color_profile_alloc", ALLOC_OPTIONS);
    private static final MethodHandle nclx_color_profile_free = bind("heif_nclx_color_profile_free", FREE_POINTER);
    private static final MethodHandle nclx_set_matrix_coefficients =
            bind("heif_nclx_color_profile_set_matrix_coefficients", NCLX_SET_SHORT);
    private static final MethodHandle nclx_set_color_primaries =
            bind("heif_nclx_color_profile_set_color_primaries", NCLX_SET_SHORT);
    private static final MethodHandle nclx_set_transfer_characteristics =
            bind("heif_nclx_color_profile_set_transfer_characteristics", NCLX_SET_SHORT);
    private static final MethodHandle encoding_options_alloc = bind("heif_encoding_options_alloc", ALLOC_OPTIONS);
    private static final MethodHandle encoding_options_free = bind("heif_encoding_options_free", FREE_POINTER);
    private static final MethodHandle context_encode_image = bind("heif_context_encode_image", ENCODE_IMAGE);
    private static final MethodHandle context_add_exif_metadata = bind("heif_context_add_exif_metadata", ADD_METADATA);
    private static final MethodHandle context_add_XMP_metadata = bind("heif_context_add_XMP_metadata", ADD_METADATA);
    private static final MethodHandle context_write = bind("heif_context_write", CONTEXT_WRITE);

    private static final boolean AVAILABLE = LIBRARY.isPresent() && MISSING.isEmpty() && initialise();

    private HeifBinding() {
    }

    /** True when libheif.so.1 is installed with every symbol this binding uses and heif_init succeeded. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** Why the binding is unavailable, for logs; empty when it is available. */
    public static String unavailableReason() {
        if (LIBRARY.isEmpty()) {
            return "libheif.so.1 is not installed (Debian: apt-get install libheif1)";
        }
        return MISSING.isEmpty() ? (AVAILABLE ? "" : "heif_init failed") : "libheif.so.1 lacks " + MISSING;
    }

    private static MethodHandle bind(String symbol, FunctionDescriptor descriptor) {
        if (LIBRARY.isEmpty()) {
            return null;
        }
        try {
            return LIBRARY.get().downcall(symbol, descriptor);
        } catch (UnsatisfiedLinkError | IllegalArgumentException tooOld) {
            MISSING.add(symbol);
            return null;
        }
    }

    /** heif_init registers the built-in codecs; it is reference counted and never matched by deinit (process-long). */
    private static boolean initialise() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment error = (MemorySegment) init.invokeExact((SegmentAllocator) arena, MemorySegment.NULL);
            return error.get(JAVA_INT, 0) == 0;
        } catch (Throwable failed) {
            return false;
        }
    }

    static int fourcc(String code) {
        return (code.charAt(0) << 24) | (code.charAt(1) << 16) | (code.charAt(2) << 8) | code.charAt(3);
    }

    /** A call into the library threw, which only happens for a programming error in this binding. */
    private static AssertionError linkageBroken(Throwable t) {
        if (t instanceof RuntimeException runtime) {
            throw runtime; // HeifFailure from check(), or a bug such as an out-of-bounds segment access
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new AssertionError("unexpected checked exception from a downcall", t);
    }

    /** Throws {@link HeifFailure} when the returned heif_error is not heif_error_Ok. */
    private static void check(MemorySegment error) {
        int code = error.get(JAVA_INT, 0);
        if (code != 0) {
            int subcode = error.get(JAVA_INT, 4);
            MemorySegment message = error.get(ADDRESS, 8);
            String text = message.equals(MemorySegment.NULL) ? "error " + code + "/" + subcode
                    : message.reinterpret(SIZE_T_MAX_STRING).getString(0);
            throw new HeifFailure(code, subcode, text);
        }
    }

    private static String string(MemorySegment cString) {
        return cString.equals(MemorySegment.NULL) ? null : cString.getString(0);
    }

    // --- library-level

    static String version() {
        try {
            return ((MemorySegment) get_version.invokeExact()).reinterpret(64).getString(0);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static boolean haveDecoderFor(int compression) {
        try {
            return (int) have_decoder_for_format.invokeExact(compression) != 0;
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static boolean haveEncoderFor(int compression) {
        try {
            return (int) have_encoder_for_format.invokeExact(compression) != 0;
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static int readMainBrand(MemorySegment data) {
        try {
            return (int) read_main_brand.invokeExact(data, (int) Math.min(data.byteSize(), Integer.MAX_VALUE));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static boolean hasCompatibleBrand(MemorySegment data, MemorySegment brandFourcc) {
        try {
            return (int) has_compatible_brand.invokeExact(data, (int) Math.min(data.byteSize(), Integer.MAX_VALUE),
                    brandFourcc) == 1;
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    // --- context

    static MemorySegment contextAlloc() {
        try {
            MemorySegment context = (MemorySegment) context_alloc.invokeExact();
            if (context.equals(MemorySegment.NULL)) {
                throw new HeifFailure(ERROR_MEMORY_ALLOCATION, 0, "heif_context_alloc failed");
            }
            return context;
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void contextFree(MemorySegment context) {
        try {
            context_free.invokeExact(context);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void setMaximumImageSizeLimit(MemorySegment context, int maximumSide) {
        try {
            context_set_maximum_image_size_limit.invokeExact(context, maximumSide);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void readFromMemoryWithoutCopy(Arena arena, MemorySegment context, MemorySegment data) {
        try {
            check((MemorySegment) context_read_from_memory_without_copy.invokeExact((SegmentAllocator) arena, context,
                    data, data.byteSize(), MemorySegment.NULL));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static MemorySegment primaryImageHandle(Arena arena, MemorySegment context) {
        MemorySegment out = arena.allocate(ADDRESS);
        try {
            check((MemorySegment) context_get_primary_image_handle.invokeExact((SegmentAllocator) arena, context, out));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
        return out.get(ADDRESS, 0);
    }

    // --- image handle

    static void handleRelease(MemorySegment handle) {
        try {
            image_handle_release.invokeExact(handle);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    private static int intOf(MethodHandle function, MemorySegment pointer) {
        try {
            return (int) function.invokeExact(pointer);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static int handleWidth(MemorySegment handle) {
        return intOf(image_handle_get_width, handle);
    }

    static int handleHeight(MemorySegment handle) {
        return intOf(image_handle_get_height, handle);
    }

    static boolean handleHasAlpha(MemorySegment handle) {
        return intOf(image_handle_has_alpha_channel, handle) != 0;
    }

    static boolean handleIsPremultipliedAlpha(MemorySegment handle) {
        return intOf(image_handle_is_premultiplied_alpha, handle) != 0;
    }

    static int handleLumaBitsPerPixel(MemorySegment handle) {
        return intOf(image_handle_get_luma_bits_per_pixel, handle);
    }

    static int handleColorProfileType(MemorySegment handle) {
        return intOf(image_handle_get_color_profile_type, handle);
    }

    static int metadataBlockIds(MemorySegment handle, MemorySegment typeFilter, MemorySegment ids, int count) {
        try {
            return (int) image_handle_get_list_of_metadata_block_IDs.invokeExact(handle, typeFilter, ids, count);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static String metadataType(MemorySegment handle, int id) {
        try {
            return string((MemorySegment) image_handle_get_metadata_type.invokeExact(handle, id));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static String metadataContentType(MemorySegment handle, int id) {
        try {
            return string((MemorySegment) image_handle_get_metadata_content_type.invokeExact(handle, id));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static long metadataSize(MemorySegment handle, int id) {
        try {
            return (long) image_handle_get_metadata_size.invokeExact(handle, id);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void metadata(Arena arena, MemorySegment handle, int id, MemorySegment out) {
        try {
            check((MemorySegment) image_handle_get_metadata.invokeExact((SegmentAllocator) arena, handle, id, out));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static long rawColorProfileSize(MemorySegment handle) {
        try {
            return (long) image_handle_get_raw_color_profile_size.invokeExact(handle);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void rawColorProfile(Arena arena, MemorySegment handle, MemorySegment out) {
        try {
            check((MemorySegment) image_handle_get_raw_color_profile.invokeExact((SegmentAllocator) arena, handle, out));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    // --- decoding

    static MemorySegment decodingOptionsAlloc() {
        try {
            MemorySegment options = (MemorySegment) decoding_options_alloc.invokeExact();
            if (options.equals(MemorySegment.NULL)) {
                throw new HeifFailure(ERROR_MEMORY_ALLOCATION, 0, "heif_decoding_options_alloc failed");
            }
            return options.reinterpret(DECODING_OPTIONS_CONVERT_HDR_TO_8BIT + 1);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void decodingOptionsFree(MemorySegment options) {
        try {
            decoding_options_free.invokeExact(options);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static MemorySegment decodeImage(Arena arena, MemorySegment handle, int colorspace, int chroma,
            MemorySegment options) {
        MemorySegment out = arena.allocate(ADDRESS);
        try {
            check((MemorySegment) decode_image.invokeExact((SegmentAllocator) arena, handle, out, colorspace, chroma,
                    options));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
        return out.get(ADDRESS, 0);
    }

    static int imageWidth(MemorySegment image, int channel) {
        try {
            return (int) image_get_width.invokeExact(image, channel);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static int imageHeight(MemorySegment image, int channel) {
        try {
            return (int) image_get_height.invokeExact(image, channel);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static int imageBitsPerPixelRange(MemorySegment image, int channel) {
        try {
            return (int) image_get_bits_per_pixel_range.invokeExact(image, channel);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static boolean imageIsPremultipliedAlpha(MemorySegment image) {
        return intOf(image_is_premultiplied_alpha, image) != 0;
    }

    /** The plane's address (NULL when absent); its stride in bytes is written to {@code strideOut}. */
    static MemorySegment imagePlaneReadonly(MemorySegment image, int channel, MemorySegment strideOut) {
        try {
            return (MemorySegment) image_get_plane_readonly.invokeExact(image, channel, strideOut);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static MemorySegment imagePlane(MemorySegment image, int channel, MemorySegment strideOut) {
        try {
            return (MemorySegment) image_get_plane.invokeExact(image, channel, strideOut);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void imageRelease(MemorySegment image) {
        try {
            image_release.invokeExact(image);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    // --- encoding

    static MemorySegment encoderForFormat(Arena arena, MemorySegment context, int compression) {
        MemorySegment out = arena.allocate(ADDRESS);
        try {
            check((MemorySegment) context_get_encoder_for_format.invokeExact((SegmentAllocator) arena, context,
                    compression, out));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
        return out.get(ADDRESS, 0);
    }

    static void encoderRelease(MemorySegment encoder) {
        try {
            encoder_release.invokeExact(encoder);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void encoderSetLossyQuality(Arena arena, MemorySegment encoder, int quality) {
        try {
            check((MemorySegment) encoder_set_lossy_quality.invokeExact((SegmentAllocator) arena, encoder, quality));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void encoderSetLossless(Arena arena, MemorySegment encoder, boolean lossless) {
        try {
            check((MemorySegment) encoder_set_lossless.invokeExact((SegmentAllocator) arena, encoder, lossless ? 1 : 0));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void encoderSetParameter(Arena arena, MemorySegment encoder, String name, int value) {
        try {
            check((MemorySegment) encoder_set_parameter_integer.invokeExact((SegmentAllocator) arena, encoder,
                    arena.allocateFrom(name), value));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void encoderSetParameter(Arena arena, MemorySegment encoder, String name, String value) {
        try {
            check((MemorySegment) encoder_set_parameter_string.invokeExact((SegmentAllocator) arena, encoder,
                    arena.allocateFrom(name), arena.allocateFrom(value)));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static MemorySegment imageCreate(Arena arena, int width, int height, int colorspace, int chroma) {
        MemorySegment out = arena.allocate(ADDRESS);
        try {
            check((MemorySegment) image_create.invokeExact((SegmentAllocator) arena, width, height, colorspace, chroma,
                    out));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
        return out.get(ADDRESS, 0);
    }

    static void imageAddPlane(Arena arena, MemorySegment image, int channel, int width, int height, int bitDepth) {
        try {
            check((MemorySegment) image_add_plane.invokeExact((SegmentAllocator) arena, image, channel, width, height,
                    bitDepth));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void imageSetRawColorProfile(Arena arena, MemorySegment image, String fourcc, MemorySegment profile) {
        try {
            check((MemorySegment) image_set_raw_color_profile.invokeExact((SegmentAllocator) arena, image,
                    arena.allocateFrom(fourcc), profile, profile.byteSize()));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    /** Attaches an nclx profile with the given H.273 code points (full range is libheif's default). */
    static void imageSetNclx(Arena arena, MemorySegment image, int primaries, int transfer, int matrix) {
        MemorySegment nclx;
        try {
            nclx = (MemorySegment) nclx_color_profile_alloc.invokeExact();
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
        if (nclx.equals(MemorySegment.NULL)) {
            throw new HeifFailure(ERROR_MEMORY_ALLOCATION, 0, "heif_nclx_color_profile_alloc failed");
        }
        try {
            check((MemorySegment) nclx_set_color_primaries.invokeExact((SegmentAllocator) arena, nclx, (short) primaries));
            check((MemorySegment) nclx_set_transfer_characteristics.invokeExact((SegmentAllocator) arena, nclx,
                    (short) transfer));
            check((MemorySegment) nclx_set_matrix_coefficients.invokeExact((SegmentAllocator) arena, nclx, (short) matrix));
            // libheif copies the profile into the image
            check((MemorySegment) image_set_nclx_color_profile.invokeExact((SegmentAllocator) arena, image, nclx));
        } catch (Throwable t) {
            throw linkageBroken(t);
        } finally {
            try {
                nclx_color_profile_free.invokeExact(nclx);
            } catch (Throwable t) {
                throw linkageBroken(t);
            }
        }
    }

    static MemorySegment encodingOptionsAlloc() {
        try {
            MemorySegment options = (MemorySegment) encoding_options_alloc.invokeExact();
            if (options.equals(MemorySegment.NULL)) {
                throw new HeifFailure(ERROR_MEMORY_ALLOCATION, 0, "heif_encoding_options_alloc failed");
            }
            return options.reinterpret(ENCODING_OPTIONS_IMAGE_ORIENTATION + 4);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void encodingOptionsFree(MemorySegment options) {
        try {
            encoding_options_free.invokeExact(options);
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    /** Encodes {@code image} into the context and returns the new image handle (to be released). */
    static MemorySegment encodeImage(Arena arena, MemorySegment context, MemorySegment image, MemorySegment encoder,
            MemorySegment options) {
        MemorySegment out = arena.allocate(ADDRESS);
        try {
            check((MemorySegment) context_encode_image.invokeExact((SegmentAllocator) arena, context, image, encoder,
                    options, out));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
        return out.get(ADDRESS, 0);
    }

    static void addExif(Arena arena, MemorySegment context, MemorySegment handle, MemorySegment data) {
        try {
            check((MemorySegment) context_add_exif_metadata.invokeExact((SegmentAllocator) arena, context, handle, data,
                    Math.toIntExact(data.byteSize())));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void addXmp(Arena arena, MemorySegment context, MemorySegment handle, MemorySegment data) {
        try {
            check((MemorySegment) context_add_XMP_metadata.invokeExact((SegmentAllocator) arena, context, handle, data,
                    Math.toIntExact(data.byteSize())));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    static void contextWrite(Arena arena, MemorySegment context, MemorySegment writer) {
        try {
            check((MemorySegment) context_write.invokeExact((SegmentAllocator) arena, context, writer,
                    MemorySegment.NULL));
        } catch (Throwable t) {
            throw linkageBroken(t);
        }
    }

    /** An upcall stub for {@code target} (a static method matching {@link #WRITER_WRITE}), alive as long as the JVM. */
    static MemorySegment writerCallback(MethodHandles.Lookup lookup, Class<?> owner, String method) {
        try {
            MethodHandle target = lookup.findStatic(owner, method, MethodType.methodType(MemorySegment.class,
                    MemorySegment.class, MemorySegment.class, long.class, MemorySegment.class));
            return Linker.nativeLinker().upcallStub(target, WRITER_WRITE, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
