package com.imagecogni.pipeline.codec.webp;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libwebp 1.2.4 structs this binding reads or writes, field for field as in encode.h, decode.h, demux.h, mux.h and
 * mux_types.h on x86_64 (LP64: pointers and size_t are 8 bytes, enums are int); padding is explicit where the C
 * compiler inserts it. LibwebpLayoutTest checks sizes and offsets against figures gcc printed for these headers.
 */
final class WebpStructs {

    private static final ValueLayout SIZE_T = JAVA_LONG;

    /** struct WebPConfig: 29 int/float fields, 116 bytes. */
    static final StructLayout CONFIG = MemoryLayout.structLayout(
            JAVA_INT.withName("lossless"), JAVA_FLOAT.withName("quality"), JAVA_INT.withName("method"),
            JAVA_INT.withName("image_hint"), JAVA_INT.withName("target_size"), JAVA_FLOAT.withName("target_PSNR"),
            JAVA_INT.withName("segments"), JAVA_INT.withName("sns_strength"), JAVA_INT.withName("filter_strength"),
            JAVA_INT.withName("filter_sharpness"), JAVA_INT.withName("filter_type"), JAVA_INT.withName("autofilter"),
            JAVA_INT.withName("alpha_compression"), JAVA_INT.withName("alpha_filtering"),
            JAVA_INT.withName("alpha_quality"), JAVA_INT.withName("pass"), JAVA_INT.withName("show_compressed"),
            JAVA_INT.withName("preprocessing"), JAVA_INT.withName("partitions"), JAVA_INT.withName("partition_limit"),
            JAVA_INT.withName("emulate_jpeg_size"), JAVA_INT.withName("thread_level"), JAVA_INT.withName("low_memory"),
            JAVA_INT.withName("near_lossless"), JAVA_INT.withName("exact"), JAVA_INT.withName("use_delta_palette"),
            JAVA_INT.withName("use_sharp_yuv"), JAVA_INT.withName("qmin"), JAVA_INT.withName("qmax")
    ).withName("WebPConfig");

    /** struct WebPPicture: 256 bytes, including the library's private fields, which it allocates and frees. */
    static final StructLayout PICTURE = MemoryLayout.structLayout(
            JAVA_INT.withName("use_argb"), JAVA_INT.withName("colorspace"),
            JAVA_INT.withName("width"), JAVA_INT.withName("height"),
            ADDRESS.withName("y"), ADDRESS.withName("u"), ADDRESS.withName("v"),
            JAVA_INT.withName("y_stride"), JAVA_INT.withName("uv_stride"),
            ADDRESS.withName("a"), JAVA_INT.withName("a_stride"),
            MemoryLayout.sequenceLayout(2, JAVA_INT).withName("pad1"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("argb"), JAVA_INT.withName("argb_stride"),
            MemoryLayout.sequenceLayout(3, JAVA_INT).withName("pad2"),
            ADDRESS.withName("writer"), ADDRESS.withName("custom_ptr"),
            JAVA_INT.withName("extra_info_type"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("extra_info"), ADDRESS.withName("stats"),
            JAVA_INT.withName("error_code"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("progress_hook"), ADDRESS.withName("user_data"),
            MemoryLayout.sequenceLayout(3, JAVA_INT).withName("pad3"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("pad4"), ADDRESS.withName("pad5"),
            MemoryLayout.sequenceLayout(8, JAVA_INT).withName("pad6"),
            ADDRESS.withName("memory_"), ADDRESS.withName("memory_argb_"),
            MemoryLayout.sequenceLayout(2, ADDRESS).withName("pad7")
    ).withName("WebPPicture");

    /** struct WebPMemoryWriter: the buffer WebPMemoryWrite grows (freed by WebPMemoryWriterClear). */
    static final StructLayout MEMORY_WRITER = MemoryLayout.structLayout(
            ADDRESS.withName("mem"), SIZE_T.withName("size"), SIZE_T.withName("max_size"),
            MemoryLayout.sequenceLayout(1, JAVA_INT).withName("pad"), MemoryLayout.paddingLayout(4)
    ).withName("WebPMemoryWriter");

    /** struct WebPBitstreamFeatures. */
    static final StructLayout FEATURES = MemoryLayout.structLayout(
            JAVA_INT.withName("width"), JAVA_INT.withName("height"), JAVA_INT.withName("has_alpha"),
            JAVA_INT.withName("has_animation"), JAVA_INT.withName("format"),
            MemoryLayout.sequenceLayout(5, JAVA_INT).withName("pad")
    ).withName("WebPBitstreamFeatures");

    /** struct WebPDecoderConfig: the features, the output buffer description (WebPDecBuffer) and the options. */
    static final StructLayout DECODER_CONFIG = MemoryLayout.structLayout(
            FEATURES.withName("input"),
            MemoryLayout.structLayout(
                    JAVA_INT.withName("colorspace"), JAVA_INT.withName("width"), JAVA_INT.withName("height"),
                    JAVA_INT.withName("is_external_memory"),
                    MemoryLayout.unionLayout(
                            MemoryLayout.structLayout(ADDRESS.withName("rgba"), JAVA_INT.withName("stride"),
                                    MemoryLayout.paddingLayout(4), SIZE_T.withName("size")).withName("RGBA"),
                            MemoryLayout.structLayout(ADDRESS.withName("y"), ADDRESS.withName("u"),
                                    ADDRESS.withName("v"), ADDRESS.withName("a"), JAVA_INT.withName("y_stride"),
                                    JAVA_INT.withName("u_stride"), JAVA_INT.withName("v_stride"),
                                    JAVA_INT.withName("a_stride"), SIZE_T.withName("y_size"),
                                    SIZE_T.withName("u_size"), SIZE_T.withName("v_size"),
                                    SIZE_T.withName("a_size")).withName("YUVA")).withName("u"),
                    MemoryLayout.sequenceLayout(4, JAVA_INT).withName("pad"),
                    ADDRESS.withName("private_memory")).withName("output"),
            MemoryLayout.structLayout(
                    JAVA_INT.withName("bypass_filtering"), JAVA_INT.withName("no_fancy_upsampling"),
                    JAVA_INT.withName("use_cropping"), JAVA_INT.withName("crop_left"), JAVA_INT.withName("crop_top"),
                    JAVA_INT.withName("crop_width"), JAVA_INT.withName("crop_height"),
                    JAVA_INT.withName("use_scaling"), JAVA_INT.withName("scaled_width"),
                    JAVA_INT.withName("scaled_height"), JAVA_INT.withName("use_threads"),
                    JAVA_INT.withName("dithering_strength"), JAVA_INT.withName("flip"),
                    JAVA_INT.withName("alpha_dithering_strength"),
                    MemoryLayout.sequenceLayout(5, JAVA_INT).withName("pad")).withName("options"),
            MemoryLayout.paddingLayout(4)
    ).withName("WebPDecoderConfig");

    /** struct WebPData (mux_types.h): bytes the caller or WebPMalloc owns. */
    static final StructLayout DATA = MemoryLayout.structLayout(
            ADDRESS.withName("bytes"), SIZE_T.withName("size")
    ).withName("WebPData");

    /** struct WebPAnimDecoderOptions. */
    static final StructLayout ANIM_DECODER_OPTIONS = MemoryLayout.structLayout(
            JAVA_INT.withName("color_mode"), JAVA_INT.withName("use_threads"),
            MemoryLayout.sequenceLayout(7, JAVA_INT).withName("padding")
    ).withName("WebPAnimDecoderOptions");

    /** struct WebPAnimInfo. */
    static final StructLayout ANIM_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("canvas_width"), JAVA_INT.withName("canvas_height"), JAVA_INT.withName("loop_count"),
            JAVA_INT.withName("bgcolor"), JAVA_INT.withName("frame_count"),
            MemoryLayout.sequenceLayout(4, JAVA_INT).withName("pad")
    ).withName("WebPAnimInfo");

    /** struct WebPAnimEncoderOptions, whose first member is a struct WebPMuxAnimParams {bgcolor, loop_count}. */
    static final StructLayout ANIM_ENCODER_OPTIONS = MemoryLayout.structLayout(
            MemoryLayout.structLayout(JAVA_INT.withName("bgcolor"), JAVA_INT.withName("loop_count"))
                    .withName("anim_params"),
            JAVA_INT.withName("minimize_size"), JAVA_INT.withName("kmin"), JAVA_INT.withName("kmax"),
            JAVA_INT.withName("allow_mixed"), JAVA_INT.withName("verbose"),
            MemoryLayout.sequenceLayout(4, JAVA_INT).withName("padding")
    ).withName("WebPAnimEncoderOptions");

    static final VarHandle CONFIG_LOSSLESS = field(CONFIG, "lossless");
    static final VarHandle CONFIG_QUALITY = field(CONFIG, "quality");
    static final VarHandle CONFIG_METHOD = field(CONFIG, "method");
    static final VarHandle CONFIG_THREAD_LEVEL = field(CONFIG, "thread_level");

    static final VarHandle PICTURE_USE_ARGB = field(PICTURE, "use_argb");
    static final VarHandle PICTURE_WIDTH = field(PICTURE, "width");
    static final VarHandle PICTURE_HEIGHT = field(PICTURE, "height");
    static final VarHandle PICTURE_WRITER = field(PICTURE, "writer");
    static final VarHandle PICTURE_CUSTOM_PTR = field(PICTURE, "custom_ptr");
    static final VarHandle PICTURE_ERROR_CODE = field(PICTURE, "error_code");

    static final VarHandle WRITER_MEM = field(MEMORY_WRITER, "mem");
    static final VarHandle WRITER_SIZE = field(MEMORY_WRITER, "size");

    static final VarHandle FEATURES_WIDTH = field(FEATURES, "width");
    static final VarHandle FEATURES_HEIGHT = field(FEATURES, "height");
    static final VarHandle FEATURES_HAS_ALPHA = field(FEATURES, "has_alpha");
    static final VarHandle FEATURES_HAS_ANIMATION = field(FEATURES, "has_animation");

    static final VarHandle DECODER_OUTPUT_COLORSPACE = DECODER_CONFIG.varHandle(groupElement("output"),
            groupElement("colorspace"));
    static final VarHandle DECODER_OUTPUT_EXTERNAL = DECODER_CONFIG.varHandle(groupElement("output"),
            groupElement("is_external_memory"));
    static final VarHandle DECODER_OUTPUT_RGBA = DECODER_CONFIG.varHandle(groupElement("output"), groupElement("u"),
            groupElement("RGBA"), groupElement("rgba"));
    static final VarHandle DECODER_OUTPUT_STRIDE = DECODER_CONFIG.varHandle(groupElement("output"),
            groupElement("u"), groupElement("RGBA"), groupElement("stride"));
    static final VarHandle DECODER_OUTPUT_SIZE = DECODER_CONFIG.varHandle(groupElement("output"), groupElement("u"),
            groupElement("RGBA"), groupElement("size"));

    static final VarHandle DATA_BYTES = field(DATA, "bytes");
    static final VarHandle DATA_SIZE = field(DATA, "size");

    static final VarHandle ANIM_DECODER_COLOR_MODE = field(ANIM_DECODER_OPTIONS, "color_mode");
    static final VarHandle ANIM_DECODER_USE_THREADS = field(ANIM_DECODER_OPTIONS, "use_threads");

    static final VarHandle INFO_CANVAS_WIDTH = field(ANIM_INFO, "canvas_width");
    static final VarHandle INFO_CANVAS_HEIGHT = field(ANIM_INFO, "canvas_height");
    static final VarHandle INFO_LOOP_COUNT = field(ANIM_INFO, "loop_count");
    static final VarHandle INFO_FRAME_COUNT = field(ANIM_INFO, "frame_count");

    static final VarHandle ANIM_ENCODER_LOOP_COUNT = ANIM_ENCODER_OPTIONS.varHandle(
            groupElement("anim_params"), groupElement("loop_count"));

    private WebpStructs() {
    }

    /** A handle to one top-level field; access coordinates are (segment, base offset 0L). */
    private static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(groupElement(name));
    }
}
