package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.DecodeLimits;

/** The refusals the decoders share: corrupt data with libwebp's status, and limits checked before decoding. */
final class WebpInput {

    private WebpInput() {
    }

    static InputRejectedException corrupt(String status) {
        return new InputRejectedException(FailureReason.CORRUPT_IMAGE, "the webp data cannot be decoded: " + status);
    }

    static void requireData(byte[] data) {
        if (data == null || data.length == 0) {
            throw new InputRejectedException(FailureReason.EMPTY_INPUT, "the webp data is empty");
        }
    }

    /** Refuses {@code frames} frames of {@code width x height} over the limits, with exact arithmetic. */
    static void checkLimits(long width, long height, long frames, DecodeLimits limits) {
        if (frames > limits.maxFrames()) {
            throw new InputRejectedException(FailureReason.TOO_MANY_FRAMES, "the webp animation has " + frames
                    + " frames; the limit is " + limits.maxFrames());
        }
        // each factor is below 2^32 and frames is at most maxFrames (an int), so only the product can overflow
        long pixels;
        try {
            pixels = Math.multiplyExact(Math.multiplyExact(width, height), frames);
        } catch (ArithmeticException overflow) {
            pixels = Long.MAX_VALUE;
        }
        if (pixels > limits.maxPixels()) {
            throw new InputRejectedException(FailureReason.TOO_MANY_PIXELS, "the webp image is " + width + "x"
                    + height + (frames > 1 ? " x " + frames + " frames" : "") + " = " + pixels
                    + " pixels; the limit is " + limits.maxPixels());
        }
    }

    /** Bytes for {@code width x height} BGRA pixels: exact, and small enough for one int[] in Java. */
    static long bgraBytes(int width, int height) {
        long bytes = Math.multiplyExact(Math.multiplyExact((long) width, 4L), height);
        if (bytes / 4 > Integer.MAX_VALUE - 8) {
            throw new InputRejectedException(FailureReason.TOO_MANY_PIXELS, "the webp image is " + width + "x"
                    + height + ", more pixels than one Java image can hold");
        }
        return bytes;
    }
}
