package com.imagecogni.pipeline.codec.jxl;

import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The struct layouts against libjxl 0.7's headers on x86_64: the figures are what gcc printed (sizeof/offsetof) for a
 * small C program including jxl/decode.h and jxl/encode.h from Debian 12's libjxl-dev 0.7.0.
 */
class JxlLayoutTest {

    @Test
    void basicInfoMatchesCodestreamHeaderH() {
        StructLayout info = JxlStructs.BASIC_INFO;
        assertEquals(204, info.byteSize());
        assertEquals(4, info.byteAlignment());
        assertOffset(info, 0, "have_container");
        assertOffset(info, 4, "xsize");
        assertOffset(info, 8, "ysize");
        assertOffset(info, 12, "bits_per_sample");
        assertOffset(info, 16, "exponent_bits_per_sample");
        assertOffset(info, 20, "intensity_target");
        assertOffset(info, 24, "min_nits");
        assertOffset(info, 28, "relative_to_max_display");
        assertOffset(info, 32, "linear_below");
        assertOffset(info, 36, "uses_original_profile");
        assertOffset(info, 40, "have_preview");
        assertOffset(info, 44, "have_animation");
        assertOffset(info, 48, "orientation");
        assertOffset(info, 52, "num_color_channels");
        assertOffset(info, 56, "num_extra_channels");
        assertOffset(info, 60, "alpha_bits");
        assertOffset(info, 64, "alpha_exponent_bits");
        assertOffset(info, 68, "alpha_premultiplied");
        assertOffset(info, 72, "preview");
        assertOffset(info, 80, "animation");
        assertOffset(info, 96, "intrinsic_xsize");
        assertOffset(info, 100, "intrinsic_ysize");
        assertOffset(info, 104, "padding");
    }

    @Test
    void pixelFormatMatchesTypesH() {
        StructLayout format = JxlStructs.PIXEL_FORMAT;
        assertEquals(24, format.byteSize());
        assertOffset(format, 0, "num_channels");
        assertOffset(format, 4, "data_type");
        assertOffset(format, 8, "endianness");
        assertOffset(format, 16, "align");
    }

    @Test
    void colorEncodingMatchesColorEncodingH() {
        StructLayout encoding = JxlStructs.COLOR_ENCODING;
        assertEquals(104, encoding.byteSize());
        assertOffset(encoding, 0, "color_space");
        assertOffset(encoding, 4, "white_point");
        assertOffset(encoding, 8, "white_point_xy");
        assertOffset(encoding, 24, "primaries");
        assertOffset(encoding, 32, "primaries_red_xy");
        assertOffset(encoding, 48, "primaries_green_xy");
        assertOffset(encoding, 64, "primaries_blue_xy");
        assertOffset(encoding, 80, "transfer_function");
        assertOffset(encoding, 88, "gamma");
        assertOffset(encoding, 96, "rendering_intent");
    }

    @Test
    void everyDescriptorIsListedOnceAndTheLibrariesBind() {
        assertEquals(Jxl.DOWNCALLS.size(), new HashSet<FunctionDescriptor>(Jxl.DOWNCALLS).size(),
                "no descriptor listed twice");
        assertTrue(Jxl.available(), "libjxl.so.0.7 should be installed here: " + Jxl.problems());
        assertTrue(Jxl.threadsAvailable(), "libjxl_threads.so.0.7 should be installed here: " + Jxl.problems());
        assertEquals(List.of(), Jxl.problems());
        assertTrue(Jxl.version().startsWith("0.7."), Jxl.version());
    }

    @Test
    void everyBoundHandleUsesAListedDescriptor() throws IllegalAccessException {
        int handles = 0;
        for (Field field : Jxl.class.getDeclaredFields()) {
            if (field.getType() == MethodHandle.class) {
                MethodHandle handle = (MethodHandle) field.get(null);
                assertTrue(Jxl.DOWNCALLS.stream().anyMatch(d -> d.toMethodType().equals(handle.type())),
                        field.getName() + " has a descriptor missing from DOWNCALLS: " + handle.type());
                handles++;
            }
        }
        assertTrue(handles >= 30, "found " + handles + " handles");
        // and every listed descriptor is used by some handle: the Feature registers nothing dead
        for (FunctionDescriptor descriptor : Jxl.DOWNCALLS) {
            boolean used = false;
            for (Field field : Jxl.class.getDeclaredFields()) {
                if (field.getType() == MethodHandle.class
                        && ((MethodHandle) field.get(null)).type().equals(descriptor.toMethodType())) {
                    used = true;
                }
            }
            assertTrue(used, descriptor + " is listed but bound to nothing");
        }
    }

    private static void assertOffset(StructLayout layout, long expected, String field) {
        assertEquals(expected, layout.byteOffset(groupElement(field)), layout.name().orElseThrow() + "." + field);
    }
}
