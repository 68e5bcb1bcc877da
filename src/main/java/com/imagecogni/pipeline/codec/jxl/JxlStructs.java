package com.imagecogni.pipeline.codec.jxl;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libjxl 0.7 structs this binding reads or writes, field for field as in codestream_header.h, types.h and
 * color_encoding.h on x86_64 (JXL_BOOL and enums are int, size_t is 8 bytes); padding is explicit where gcc inserts
 * it. JxlLayoutTest checks sizes and offsets against figures gcc printed for these headers.
 */
final class JxlStructs {

    /** JxlPreviewHeader / JxlIntrinsicSizeHeader: two uint32_t. */
    private static final StructLayout SIZE_HEADER = MemoryLayout.structLayout(
            JAVA_INT.withName("xsize"), JAVA_INT.withName("ysize"));

    /** struct JxlBasicInfo: 204 bytes, int-aligned, ending in 100 bytes of padding for later fields. */
    static final StructLayout BASIC_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("have_container"), JAVA_INT.withName("xsize"), JAVA_INT.withName("ysize"),
            JAVA_INT.withName("bits_per_sample"), JAVA_INT.withName("exponent_bits_per_sample"),
            JAVA_FLOAT.withName("intensity_target"), JAVA_FLOAT.withName("min_nits"),
            JAVA_INT.withName("relative_to_max_display"), JAVA_FLOAT.withName("linear_below"),
            JAVA_INT.withName("uses_original_profile"), JAVA_INT.withName("have_preview"),
            JAVA_INT.withName("have_animation"), JAVA_INT.withName("orientation"),
            JAVA_INT.withName("num_color_channels"), JAVA_INT.withName("num_extra_channels"),
            JAVA_INT.withName("alpha_bits"), JAVA_INT.withName("alpha_exponent_bits"),
            JAVA_INT.withName("alpha_premultiplied"),
            SIZE_HEADER.withName("preview"),
            MemoryLayout.structLayout(JAVA_INT.withName("tps_numerator"), JAVA_INT.withName("tps_denominator"),
                    JAVA_INT.withName("num_loops"), JAVA_INT.withName("have_timecodes")).withName("animation"),
            JAVA_INT.withName("intrinsic_xsize"), JAVA_INT.withName("intrinsic_ysize"),
            MemoryLayout.sequenceLayout(100, JAVA_BYTE).withName("padding")
    ).withName("JxlBasicInfo");

    /** struct JxlPixelFormat: num_channels, data_type, endianness, then size_t align after 4 bytes of padding. */
    static final StructLayout PIXEL_FORMAT = MemoryLayout.structLayout(
            JAVA_INT.withName("num_channels"), JAVA_INT.withName("data_type"), JAVA_INT.withName("endianness"),
            MemoryLayout.paddingLayout(4), JAVA_LONG.withName("align")
    ).withName("JxlPixelFormat");

    /** struct JxlColorEncoding: 104 bytes, double-aligned (the chromaticities are double[2]). */
    static final StructLayout COLOR_ENCODING = MemoryLayout.structLayout(
            JAVA_INT.withName("color_space"), JAVA_INT.withName("white_point"),
            MemoryLayout.sequenceLayout(2, JAVA_DOUBLE).withName("white_point_xy"),
            JAVA_INT.withName("primaries"), MemoryLayout.paddingLayout(4),
            MemoryLayout.sequenceLayout(2, JAVA_DOUBLE).withName("primaries_red_xy"),
            MemoryLayout.sequenceLayout(2, JAVA_DOUBLE).withName("primaries_green_xy"),
            MemoryLayout.sequenceLayout(2, JAVA_DOUBLE).withName("primaries_blue_xy"),
            JAVA_INT.withName("transfer_function"), MemoryLayout.paddingLayout(4),
            JAVA_DOUBLE.withName("gamma"), JAVA_INT.withName("rendering_intent"), MemoryLayout.paddingLayout(4)
    ).withName("JxlColorEncoding");

    static final VarHandle INFO_XSIZE = field(BASIC_INFO, "xsize");
    static final VarHandle INFO_YSIZE = field(BASIC_INFO, "ysize");
    static final VarHandle INFO_BITS_PER_SAMPLE = field(BASIC_INFO, "bits_per_sample");
    static final VarHandle INFO_USES_ORIGINAL_PROFILE = field(BASIC_INFO, "uses_original_profile");
    static final VarHandle INFO_HAVE_ANIMATION = field(BASIC_INFO, "have_animation");
    static final VarHandle INFO_ORIENTATION = field(BASIC_INFO, "orientation");
    static final VarHandle INFO_NUM_COLOR_CHANNELS = field(BASIC_INFO, "num_color_channels");
    static final VarHandle INFO_NUM_EXTRA_CHANNELS = field(BASIC_INFO, "num_extra_channels");
    static final VarHandle INFO_ALPHA_BITS = field(BASIC_INFO, "alpha_bits");
    static final VarHandle INFO_ALPHA_PREMULTIPLIED = field(BASIC_INFO, "alpha_premultiplied");

    static final VarHandle FORMAT_NUM_CHANNELS = field(PIXEL_FORMAT, "num_channels");
    static final VarHandle FORMAT_DATA_TYPE = field(PIXEL_FORMAT, "data_type");
    static final VarHandle FORMAT_ENDIANNESS = field(PIXEL_FORMAT, "endianness");
    static final VarHandle FORMAT_ALIGN = field(PIXEL_FORMAT, "align");

    static final VarHandle COLOR_SPACE = field(COLOR_ENCODING, "color_space");
    static final VarHandle COLOR_WHITE_POINT = field(COLOR_ENCODING, "white_point");
    static final VarHandle COLOR_PRIMARIES = field(COLOR_ENCODING, "primaries");
    static final VarHandle COLOR_TRANSFER_FUNCTION = field(COLOR_ENCODING, "transfer_function");

    private JxlStructs() {
    }

    /** A (segment, offset) accessor for a top-level field. */
    private static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(groupElement(name));
    }
}
