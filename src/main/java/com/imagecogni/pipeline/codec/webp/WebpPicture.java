package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.model.SizeSpec;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A WebPPicture holding a BufferedImage's pixels as ARGB. The picture lives in the caller's arena; the pixel buffer
 * inside it is libwebp's and must be released with {@link #free(MemorySegment)}, also when encoding fails.
 */
final class WebpPicture {

    private WebpPicture() {
    }

    /** Refuses what libwebp cannot store (WEBP_MAX_DIMENSION, 16383 = SizeSpec.MAX_EDGE), before any native work. */
    static void checkSize(int width, int height) {
        if (width > SizeSpec.MAX_EDGE || height > SizeSpec.MAX_EDGE) {
            throw new ProcessingFailedException(FailureReason.OUTPUT_TOO_LARGE, "a WebP image can be at most "
                    + SizeSpec.MAX_EDGE + " pixels per side; this output is " + width + "x" + height);
        }
    }

    /**
     * A picture with {@code image}'s pixels: imported as BGRA when the image has alpha, else as BGRX, so libwebp never
     * sees an alpha plane for an opaque image (and writes none).
     */
    static MemorySegment of(Arena arena, BufferedImage image) throws Throwable {
        int width = image.getWidth();
        int height = image.getHeight();
        checkSize(width, height);
        MemorySegment picture = arena.allocate(WebpStructs.PICTURE);
        if ((int) Libwebp.PICTURE_INIT_INTERNAL.invokeExact(picture, Libwebp.ENCODER_ABI_VERSION) == 0) {
            throw failed("WebPPictureInit refused ABI version 0x20f: the installed libwebp is incompatible");
        }
        WebpStructs.PICTURE_USE_ARGB.set(picture, 0L, 1);
        WebpStructs.PICTURE_WIDTH.set(picture, 0L, width);
        WebpStructs.PICTURE_HEIGHT.set(picture, 0L, height);
        int count = width * height; // at most 16383 x 16383, which fits an int
        try (Arena pixelsArena = Arena.ofConfined()) {
            // the import copies into the picture's own buffer, so this copy can go as soon as it returns
            MemorySegment pixels = WebpPixels.toNative(pixelsArena, WebpPixels.argb(image), count);
            boolean alpha = image.getColorModel().hasAlpha();
            int imported = alpha
                    ? (int) Libwebp.PICTURE_IMPORT_BGRA.invokeExact(picture, pixels, width * 4)
                    : (int) Libwebp.PICTURE_IMPORT_BGRX.invokeExact(picture, pixels, width * 4);
            if (imported == 0) {
                free(picture);
                throw failed("WebPPictureImport failed: " + errorName(picture));
            }
        }
        return picture;
    }

    /** Releases the pixel buffers libwebp allocated for the picture (safe on a picture that has none). */
    static void free(MemorySegment picture) throws Throwable {
        Libwebp.PICTURE_FREE.invokeExact(picture);
    }

    /** The picture's WebPEncodingError as its encode.h name. */
    static String errorName(MemorySegment picture) {
        return Libwebp.encodingErrorName((int) WebpStructs.PICTURE_ERROR_CODE.get(picture, 0L));
    }

    static ProcessingFailedException failed(String message) {
        return new ProcessingFailedException(FailureReason.ENCODE_FAILED, message);
    }
}
