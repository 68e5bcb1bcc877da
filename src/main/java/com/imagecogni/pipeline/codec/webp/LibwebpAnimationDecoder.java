package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.decode.DecodeLimits;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Animated (or still) WebP through libwebpdemux's WebPAnimDecoder: canvas size x frame count is checked against the
 * limits before any frame is decoded; each frame comes out composited on the full canvas, with its end timestamp,
 * from which the durations follow. Use only when {@link Libwebp#animationAvailable()}.
 */
public final class LibwebpAnimationDecoder {

    private final DecodeLimits limits;

    public LibwebpAnimationDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    /** Every frame with its duration and the loop count. */
    public Animation decode(byte[] data) {
        return decode(data, Integer.MAX_VALUE);
    }

    /** Only the first frame, checked against the limits as one canvas. */
    BufferedImage firstFrame(byte[] data) {
        return decode(data, 1).frames().get(0);
    }

    private Animation decode(byte[] data, int framesWanted) {
        Libwebp.requireAnimation();
        WebpInput.requireData(data);
        try (Arena arena = Arena.ofConfined()) {
            return decode(arena, data, framesWanted);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libwebp downcall failed", t);
        }
    }

    private Animation decode(Arena arena, byte[] data, int framesWanted) throws Throwable {
        // the decoder reads from this copy until it is deleted, so it lives in the same arena
        MemorySegment input = arena.allocateFrom(ValueLayout.JAVA_BYTE, data);
        MemorySegment webpData = arena.allocate(WebpStructs.DATA);
        WebpStructs.DATA_BYTES.set(webpData, 0L, input);
        WebpStructs.DATA_SIZE.set(webpData, 0L, input.byteSize());
        MemorySegment options = arena.allocate(WebpStructs.ANIM_DECODER_OPTIONS);
        if ((int) Libwebp.ANIM_DECODER_OPTIONS_INIT.invokeExact(options, Libwebp.DEMUX_ABI_VERSION) == 0) {
            throw new IllegalStateException("WebPAnimDecoderOptionsInit refused ABI version 0x107");
        }
        WebpStructs.ANIM_DECODER_COLOR_MODE.set(options, 0L, LibwebpDecoder.MODE_BGRA);
        WebpStructs.ANIM_DECODER_USE_THREADS.set(options, 0L, 0);
        MemorySegment decoder = (MemorySegment) Libwebp.ANIM_DECODER_NEW_INTERNAL.invokeExact(webpData, options,
                Libwebp.DEMUX_ABI_VERSION);
        if (decoder.equals(MemorySegment.NULL)) {
            // WebPAnimDecoderNew reports no status: it fails when the demuxer cannot parse the container
            throw WebpInput.corrupt("WebPAnimDecoderNew refused the data (VP8_STATUS_BITSTREAM_ERROR)");
        }
        try {
            return frames(arena, decoder, framesWanted);
        } finally {
            Libwebp.ANIM_DECODER_DELETE.invokeExact(decoder);
        }
    }

    private Animation frames(Arena arena, MemorySegment decoder, int framesWanted) throws Throwable {
        MemorySegment info = arena.allocate(WebpStructs.ANIM_INFO);
        if ((int) Libwebp.ANIM_DECODER_GET_INFO.invokeExact(decoder, info) == 0) {
            throw WebpInput.corrupt("WebPAnimDecoderGetInfo failed");
        }
        long width = Integer.toUnsignedLong((int) WebpStructs.INFO_CANVAS_WIDTH.get(info, 0L));
        long height = Integer.toUnsignedLong((int) WebpStructs.INFO_CANVAS_HEIGHT.get(info, 0L));
        long frameCount = Integer.toUnsignedLong((int) WebpStructs.INFO_FRAME_COUNT.get(info, 0L));
        int loopCount = (int) WebpStructs.INFO_LOOP_COUNT.get(info, 0L) & 0xFFFF;
        long decoded = Math.min(frameCount, framesWanted);
        WebpInput.checkLimits(width, height, decoded, limits);
        if (decoded < 1) {
            throw WebpInput.corrupt("the animation has no frames");
        }
        long frameBytes = WebpInput.bgraBytes((int) width, (int) height);
        MemorySegment bufferOut = arena.allocate(ValueLayout.ADDRESS);
        MemorySegment timestampOut = arena.allocate(ValueLayout.JAVA_INT);
        List<BufferedImage> frames = new ArrayList<>();
        List<Integer> durations = new ArrayList<>();
        int previousEnd = 0;
        for (long i = 0; i < decoded; i++) {
            if ((int) Libwebp.ANIM_DECODER_NEXT.invokeExact(decoder, bufferOut, timestampOut) == 0) {
                throw WebpInput.corrupt("frame " + (i + 1) + " of " + frameCount + " (WebPAnimDecoderGetNext failed)");
            }
            // the canvas belongs to the decoder and is overwritten by the next call: copy it out now
            MemorySegment canvas = bufferOut.get(ValueLayout.ADDRESS, 0).reinterpret(frameBytes);
            frames.add(WebpPixels.fromNative(canvas, (int) width, (int) height, true));
            int end = timestampOut.get(ValueLayout.JAVA_INT, 0);
            durations.add(Math.max(0, end - previousEnd));
            previousEnd = end;
        }
        return new Animation(frames, durations, loopCount);
    }
}
