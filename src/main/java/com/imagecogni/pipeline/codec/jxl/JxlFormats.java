package com.imagecogni.pipeline.codec.jxl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** JxlPixelFormat values: the binding always exchanges tightly packed 8-bit samples. */
final class JxlFormats {

    private JxlFormats() {
    }

    /** {@code {channels, JXL_TYPE_UINT8, JXL_NATIVE_ENDIAN, align 0}}: rows of exactly width x channels bytes. */
    static MemorySegment uint8(Arena arena, int channels) {
        MemorySegment format = arena.allocate(JxlStructs.PIXEL_FORMAT);
        JxlStructs.FORMAT_NUM_CHANNELS.set(format, 0L, channels);
        JxlStructs.FORMAT_DATA_TYPE.set(format, 0L, Jxl.TYPE_UINT8);
        JxlStructs.FORMAT_ENDIANNESS.set(format, 0L, Jxl.NATIVE_ENDIAN);
        JxlStructs.FORMAT_ALIGN.set(format, 0L, 0L);
        return format;
    }
}
