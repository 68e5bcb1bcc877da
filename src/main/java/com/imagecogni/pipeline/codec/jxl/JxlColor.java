package com.imagecogni.pipeline.codec.jxl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The colour side of decoding: asks libjxl for sRGB output where it has the choice (XYB, i.e. lossy, files), and
 * reads the ICC profile of the output pixels when they are not sRGB after all.
 */
final class JxlColor {

    /**
     * libjxl holds the whole profile before it reports its size; anything this large is no real profile, and copying
     * it to the heap would only move the cost there.
     */
    static final long MAX_ICC_BYTES = 16L << 20;

    private JxlColor() {
    }

    /** sRGB (gray sRGB for a grayscale file, as libjxl requires) as the output colour space; at the colour event. */
    static void preferSrgb(Arena arena, MemorySegment decoder, boolean gray) throws Throwable {
        MemorySegment srgb = arena.allocate(JxlStructs.COLOR_ENCODING);
        Jxl.COLOR_ENCODING_SET_TO_SRGB.invokeExact(srgb, gray ? 1 : 0);
        // the status is ignored on purpose: a refusal only means libjxl keeps its own choice for the output space,
        // which dataProfile then reports; the image itself is still decodable
        int ignored = (int) Jxl.DECODER_SET_PREFERRED_COLOR_PROFILE.invokeExact(decoder, srgb);
    }

    /** The ICC profile of the pixels libjxl will output, or null when they are sRGB (or have no profile at all). */
    static byte[] dataProfile(Arena arena, MemorySegment decoder) throws Throwable {
        MemorySegment encoding = arena.allocate(JxlStructs.COLOR_ENCODING);
        int status = (int) Jxl.DECODER_GET_COLOR_AS_ENCODED_PROFILE.invokeExact(decoder, MemorySegment.NULL,
                Jxl.COLOR_PROFILE_TARGET_DATA, encoding);
        if (status == Jxl.DEC_SUCCESS && isSrgb(encoding)) {
            return null;
        }
        MemorySegment sizeOut = arena.allocate(JAVA_LONG);
        status = (int) Jxl.DECODER_GET_ICC_PROFILE_SIZE.invokeExact(decoder, MemorySegment.NULL,
                Jxl.COLOR_PROFILE_TARGET_DATA, sizeOut);
        if (status != Jxl.DEC_SUCCESS) {
            return null; // neither an encoded colour space nor an ICC profile: nothing to convert with
        }
        long size = sizeOut.get(JAVA_LONG, 0);
        if (size <= 0 || size > MAX_ICC_BYTES) {
            throw new JxlFailure("the ICC profile is " + size + " bytes");
        }
        MemorySegment profile = arena.allocate(size);
        status = (int) Jxl.DECODER_GET_COLOR_AS_ICC_PROFILE.invokeExact(decoder, MemorySegment.NULL,
                Jxl.COLOR_PROFILE_TARGET_DATA, profile, size);
        if (status != Jxl.DEC_SUCCESS) {
            throw new JxlFailure("the ICC profile cannot be read");
        }
        return profile.toArray(JAVA_BYTE);
    }

    /** sRGB primaries (any, for gray), D65 white and the sRGB transfer curve: the rendering intent does not matter. */
    static boolean isSrgb(MemorySegment encoding) {
        int space = (int) JxlStructs.COLOR_SPACE.get(encoding, 0L);
        boolean gray = space == Jxl.COLOR_SPACE_GRAY;
        return (space == Jxl.COLOR_SPACE_RGB || gray)
                && (int) JxlStructs.COLOR_WHITE_POINT.get(encoding, 0L) == Jxl.WHITE_POINT_D65
                && (gray || (int) JxlStructs.COLOR_PRIMARIES.get(encoding, 0L) == Jxl.PRIMARIES_SRGB)
                && (int) JxlStructs.COLOR_TRANSFER_FUNCTION.get(encoding, 0L) == Jxl.TRANSFER_FUNCTION_SRGB;
    }
}
