package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.encode.EncodeOptions;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Animated WebP through libwebpmux's WebPAnimEncoder: each frame is added at its start timestamp with the same
 * WebPConfig as a still image, then a final empty add marks the end of the last frame. The encoder itself chooses
 * sub-rectangles and blending between frames. Use only when {@link Libwebp#animationAvailable()}.
 */
public final class LibwebpAnimationEncoder {

    /** Encodes every frame with {@code options} (quality / lossless / effort as for a still image). */
    public byte[] encode(Animation animation, EncodeOptions options) {
        Libwebp.requireAnimation();
        WebpPicture.checkSize(animation.width(), animation.height());
        try (Arena arena = Arena.ofConfined()) {
            return encode(arena, animation, options);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libwebp downcall failed", t);
        }
    }

    private static byte[] encode(Arena arena, Animation animation, EncodeOptions options) throws Throwable {
        MemorySegment config = WebpConfig.of(arena, options);
        MemorySegment encoderOptions = arena.allocate(WebpStructs.ANIM_ENCODER_OPTIONS);
        if ((int) Libwebp.ANIM_ENCODER_OPTIONS_INIT.invokeExact(encoderOptions, Libwebp.MUX_ABI_VERSION) == 0) {
            throw WebpPicture.failed("WebPAnimEncoderOptionsInit refused ABI version 0x108");
        }
        WebpStructs.ANIM_ENCODER_LOOP_COUNT.set(encoderOptions, 0L, animation.loopCount());
        MemorySegment encoder = (MemorySegment) Libwebp.ANIM_ENCODER_NEW_INTERNAL.invokeExact(animation.width(),
                animation.height(), encoderOptions, Libwebp.MUX_ABI_VERSION);
        if (encoder.equals(MemorySegment.NULL)) {
            throw WebpPicture.failed("WebPAnimEncoderNew failed for a " + animation.width() + "x"
                    + animation.height() + " canvas");
        }
        try {
            int timestamp = addFrames(arena, encoder, animation, config);
            // the end of the last frame: without it the last frame's duration is unknown to the encoder
            if ((int) Libwebp.ANIM_ENCODER_ADD_FRAME.invokeExact(encoder, MemorySegment.NULL, timestamp,
                    MemorySegment.NULL) == 0) {
                throw WebpPicture.failed("WebPAnimEncoderAdd(end) failed: " + error(encoder));
            }
            return assemble(arena, encoder);
        } finally {
            Libwebp.ANIM_ENCODER_DELETE.invokeExact(encoder);
        }
    }

    /** Adds every frame at its start time; returns the end time of the last one. */
    private static int addFrames(Arena arena, MemorySegment encoder, Animation animation, MemorySegment config)
            throws Throwable {
        int timestamp = 0;
        for (int i = 0; i < animation.frames().size(); i++) {
            BufferedImage frame = animation.frames().get(i);
            try (Arena frameArena = Arena.ofConfined()) {
                MemorySegment picture = WebpPicture.of(frameArena, frame);
                try {
                    if ((int) Libwebp.ANIM_ENCODER_ADD_FRAME.invokeExact(encoder, picture, timestamp, config) == 0) {
                        throw WebpPicture.failed("WebPAnimEncoderAdd failed on frame " + (i + 1) + ": "
                                + error(encoder) + " (" + WebpPicture.errorName(picture) + ")");
                    }
                } finally {
                    WebpPicture.free(picture);
                }
            }
            timestamp = Math.addExact(timestamp, animation.durationsMillis().get(i));
        }
        return timestamp;
    }

    private static byte[] assemble(Arena arena, MemorySegment encoder) throws Throwable {
        MemorySegment webpData = arena.allocate(WebpStructs.DATA);
        if ((int) Libwebp.ANIM_ENCODER_ASSEMBLE.invokeExact(encoder, webpData) == 0) {
            throw WebpPicture.failed("WebPAnimEncoderAssemble failed: " + error(encoder));
        }
        MemorySegment bytes = (MemorySegment) WebpStructs.DATA_BYTES.get(webpData, 0L);
        try {
            long size = (long) WebpStructs.DATA_SIZE.get(webpData, 0L);
            return bytes.reinterpret(size).toArray(ValueLayout.JAVA_BYTE);
        } finally {
            // WebPDataClear is an inline function of mux_types.h: it is WebPFree(bytes)
            Libwebp.FREE.invokeExact(bytes);
        }
    }

    /** The encoder's last error message (a static string owned by libwebpmux), or "unknown". */
    private static String error(MemorySegment encoder) throws Throwable {
        MemorySegment message = (MemorySegment) Libwebp.ANIM_ENCODER_GET_ERROR.invokeExact(encoder);
        if (message.equals(MemorySegment.NULL)) {
            return "unknown";
        }
        return message.reinterpret(1024).getString(0);
    }
}
