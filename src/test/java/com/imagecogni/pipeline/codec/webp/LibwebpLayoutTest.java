package com.imagecogni.pipeline.codec.webp;

import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.util.HashSet;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The struct layouts against libwebp 1.2.4's headers on x86_64: the figures are what gcc printed (sizeof/offsetof)
 * for a small C program including webp/{encode,decode,demux,mux}.h from Debian 12's libwebp-dev 1.2.4.
 */
class LibwebpLayoutTest {

    @Test
    void webpConfigMatchesEncodeH() {
        assertEquals(116, WebpStructs.CONFIG.byteSize());
        assertOffset(WebpStructs.CONFIG, 0, "lossless");
        assertOffset(WebpStructs.CONFIG, 4, "quality");
        assertOffset(WebpStructs.CONFIG, 8, "method");
        assertOffset(WebpStructs.CONFIG, 84, "thread_level");
        assertOffset(WebpStructs.CONFIG, 96, "exact");
        assertOffset(WebpStructs.CONFIG, 112, "qmax");
    }

    @Test
    void webpPictureMatchesEncodeH() {
        assertEquals(256, WebpStructs.PICTURE.byteSize());
        assertOffset(WebpStructs.PICTURE, 0, "use_argb");
        assertOffset(WebpStructs.PICTURE, 8, "width");
        assertOffset(WebpStructs.PICTURE, 12, "height");
        assertOffset(WebpStructs.PICTURE, 72, "argb");
        assertOffset(WebpStructs.PICTURE, 80, "argb_stride");
        assertOffset(WebpStructs.PICTURE, 96, "writer");
        assertOffset(WebpStructs.PICTURE, 104, "custom_ptr");
        assertOffset(WebpStructs.PICTURE, 136, "error_code");
        assertOffset(WebpStructs.PICTURE, 232, "memory_argb_");
        assertOffset(WebpStructs.PICTURE, 240, "pad7");
    }

    @Test
    void memoryWriterAndDataMatchTheHeaders() {
        assertEquals(32, WebpStructs.MEMORY_WRITER.byteSize());
        assertOffset(WebpStructs.MEMORY_WRITER, 8, "size");
        assertOffset(WebpStructs.MEMORY_WRITER, 16, "max_size");
        assertEquals(16, WebpStructs.DATA.byteSize());
        assertOffset(WebpStructs.DATA, 8, "size");
    }

    @Test
    void decoderStructsMatchDecodeH() {
        assertEquals(40, WebpStructs.FEATURES.byteSize());
        assertOffset(WebpStructs.FEATURES, 8, "has_alpha");
        assertOffset(WebpStructs.FEATURES, 12, "has_animation");
        assertOffset(WebpStructs.FEATURES, 16, "format");
        assertEquals(240, WebpStructs.DECODER_CONFIG.byteSize());
        assertEquals(40, offset(WebpStructs.DECODER_CONFIG, "output", "colorspace"));
        assertEquals(52, offset(WebpStructs.DECODER_CONFIG, "output", "is_external_memory"));
        assertEquals(56, offset(WebpStructs.DECODER_CONFIG, "output", "u", "RGBA", "rgba"));
        assertEquals(64, offset(WebpStructs.DECODER_CONFIG, "output", "u", "RGBA", "stride"));
        assertEquals(72, offset(WebpStructs.DECODER_CONFIG, "output", "u", "RGBA", "size"));
        assertEquals(152, offset(WebpStructs.DECODER_CONFIG, "output", "private_memory"));
        assertEquals(160, offset(WebpStructs.DECODER_CONFIG, "options"));
        assertEquals(200, offset(WebpStructs.DECODER_CONFIG, "options", "use_threads"));
    }

    @Test
    void animationStructsMatchDemuxHAndMuxH() {
        assertEquals(36, WebpStructs.ANIM_DECODER_OPTIONS.byteSize());
        assertOffset(WebpStructs.ANIM_DECODER_OPTIONS, 4, "use_threads");
        assertEquals(36, WebpStructs.ANIM_INFO.byteSize());
        assertOffset(WebpStructs.ANIM_INFO, 8, "loop_count");
        assertOffset(WebpStructs.ANIM_INFO, 16, "frame_count");
        assertEquals(44, WebpStructs.ANIM_ENCODER_OPTIONS.byteSize());
        assertEquals(4, offset(WebpStructs.ANIM_ENCODER_OPTIONS, "anim_params", "loop_count"));
        assertOffset(WebpStructs.ANIM_ENCODER_OPTIONS, 8, "minimize_size");
        assertOffset(WebpStructs.ANIM_ENCODER_OPTIONS, 16, "kmax");
        assertOffset(WebpStructs.ANIM_ENCODER_OPTIONS, 24, "verbose");
    }

    @Test
    void everyDescriptorIsListedOnceAndTheLibraryBinds() {
        assertEquals(Libwebp.DOWNCALLS.size(), new HashSet<FunctionDescriptor>(Libwebp.DOWNCALLS).size(),
                "no descriptor listed twice");
        assertTrue(Libwebp.available(), "libwebp.so.7 should be installed here: " + Libwebp.problems());
        assertTrue(Libwebp.animationAvailable(), "libwebpdemux/libwebpmux should be installed: " + Libwebp.problems());
        assertEquals(java.util.List.of(), Libwebp.problems());
    }

    @Test
    void everyBoundHandleUsesAListedDescriptor() throws IllegalAccessException {
        int handles = 0;
        for (Field field : Libwebp.class.getDeclaredFields()) {
            if (field.getType() == MethodHandle.class) {
                MethodHandle handle = (MethodHandle) field.get(null);
                assertTrue(Libwebp.DOWNCALLS.stream().anyMatch(d -> d.toMethodType().equals(handle.type())),
                        field.getName() + " has a descriptor missing from DOWNCALLS: " + handle.type());
                handles++;
            }
        }
        assertTrue(handles >= 20, "found " + handles + " handles");
    }

    private static void assertOffset(StructLayout layout, long expected, String field) {
        assertEquals(expected, offset(layout, field), layout.name().orElseThrow() + "." + field);
    }

    private static long offset(MemoryLayout layout, String... path) {
        MemoryLayout.PathElement[] elements = new MemoryLayout.PathElement[path.length];
        for (int i = 0; i < path.length; i++) {
            elements[i] = groupElement(path[i]);
        }
        return layout.byteOffset(elements);
    }
}
