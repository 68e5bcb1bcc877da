package com.imagecogni.pipeline.codec.jxl;

/**
 * What a JPEG XL file's header says, read without decoding pixels.
 *
 * @param width upright: libjxl applies the file's orientation and reports the sides of the turned image
 * @param height upright, as {@code width}
 * @param hasAlpha the image has an alpha channel (alpha_bits != 0)
 * @param animated the codestream has animation frames; only the first (coalesced) frame is decoded, and the frame
 *     count is not in the header
 * @param bitsPerSample bits per colour sample in the original image (8, 10, 12, 16, 32 for float ...)
 */
public record JxlProbe(int width, int height, boolean hasAlpha, boolean animated, int bitsPerSample) {

    public long pixels() {
        return (long) width * height;
    }
}
