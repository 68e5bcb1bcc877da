package com.imagecogni.pipeline.codec.jpeg;

import java.util.List;

/**
 * A DCT scaling factor {@code num/denom} of the JPEG decompressor, and the choice of the one to decode with.
 *
 * <p>Only 1/1, 1/2, 1/4 and 1/8 are ever chosen: libjpeg-turbo reaches them with its SIMD-accelerated reduced IDCTs,
 * while factors such as 3/8 or 7/8 use slower, non-SIMD IDCTs of lower quality.
 */
public record DctScale(int num, int denom) {

    public static final DctScale FULL = new DctScale(1, 1);
    /** Smallest first, so the first one large enough is the cheapest decode. */
    static final List<DctScale> CANDIDATES = List.of(new DctScale(1, 8), new DctScale(1, 4), new DctScale(1, 2), FULL);

    public DctScale {
        if (num < 1 || denom < 1) {
            throw new IllegalArgumentException("scaling factor must be positive: " + num + "/" + denom);
        }
    }

    /** turbojpeg.h's TJSCALED: {@code ceil(dimension * num / denom)}, in long so no int overflow. */
    public int scaled(int dimension) {
        return (int) (((long) dimension * num + denom - 1) / denom);
    }

    /**
     * The smallest of {@link #CANDIDATES} that the library offers ({@code offered}) whose scaled size still covers
     * {@code minWidth x minHeight}; full size when none does (a minimum larger than the image, or
     * {@link Integer#MAX_VALUE} to ask for full size).
     */
    static DctScale choose(int width, int height, int minWidth, int minHeight, List<DctScale> offered) {
        for (DctScale candidate : CANDIDATES) {
            if (offered.contains(candidate) && candidate.scaled(width) >= minWidth
                    && candidate.scaled(height) >= minHeight) {
                return candidate;
            }
        }
        return FULL;
    }

    /**
     * The factor tjDecompress2 itself will pick when asked for {@code maxWidth x maxHeight}: the first of its list
     * (largest first) that fits. It reports no output size, so this is how the decoder knows the size it will write.
     */
    static DctScale pickedByLibrary(int width, int height, int maxWidth, int maxHeight, List<DctScale> offered) {
        for (DctScale f : offered) {
            if (f.scaled(width) <= maxWidth && f.scaled(height) <= maxHeight) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return num + "/" + denom;
    }
}
