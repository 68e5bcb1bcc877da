package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.DecodeLimits;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Still WebP through the system libwebp: the header's size is checked against the pixel limit first, then WebPDecode
 * writes BGRA into a buffer this class owns, copied once into a TYPE_INT_ARGB image (alpha) or TYPE_INT_RGB (opaque).
 * An animated file decodes to its first frame. Use only when {@link Libwebp#available()}.
 */
public final class LibwebpDecoder {

    /** WEBP_CSP_MODE MODE_BGRA: the byte order of a little-endian 0xAARRGGBB int. */
    static final int MODE_BGRA = 3;

    private final DecodeLimits limits;

    public LibwebpDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    /** The header as libwebp reads it; CORRUPT_IMAGE when it is not a WebP header libwebp understands. */
    public static WebpFeatures features(byte[] data) {
        Libwebp.requireStill();
        WebpInput.requireData(data);
        try (Arena arena = Arena.ofConfined()) {
            return features(arena.allocateFrom(ValueLayout.JAVA_BYTE, data), arena);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libwebp downcall failed", t);
        }
    }

    /** Decodes a still WebP (or an animation's first frame) within the limits. */
    public BufferedImage decode(byte[] data) {
        Libwebp.requireStill();
        WebpInput.requireData(data);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocateFrom(ValueLayout.JAVA_BYTE, data);
            WebpFeatures features = features(input, arena);
            if (features.hasAnimation()) {
                return firstFrame(data);
            }
            WebpInput.checkLimits(features.width(), features.height(), 1, limits);
            return decode(arena, input, features);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libwebp downcall failed", t);
        }
    }

    private BufferedImage firstFrame(byte[] data) {
        if (!Libwebp.animationAvailable()) {
            throw new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT,
                    "animated webp needs libwebpdemux, which is not installed");
        }
        return new LibwebpAnimationDecoder(limits).firstFrame(data);
    }

    private static WebpFeatures features(MemorySegment input, Arena arena) throws Throwable {
        MemorySegment features = arena.allocate(WebpStructs.FEATURES);
        int status = (int) Libwebp.GET_FEATURES_INTERNAL.invokeExact(input, input.byteSize(), features,
                Libwebp.DECODER_ABI_VERSION);
        if (status != 0) {
            throw WebpInput.corrupt(Libwebp.statusName(status));
        }
        return new WebpFeatures((int) WebpStructs.FEATURES_WIDTH.get(features, 0L),
                (int) WebpStructs.FEATURES_HEIGHT.get(features, 0L),
                (int) WebpStructs.FEATURES_HAS_ALPHA.get(features, 0L) != 0,
                (int) WebpStructs.FEATURES_HAS_ANIMATION.get(features, 0L) != 0);
    }

    private static BufferedImage decode(Arena arena, MemorySegment input, WebpFeatures features) throws Throwable {
        int width = features.width();
        int height = features.height();
        long bytes = WebpInput.bgraBytes(width, height);
        MemorySegment pixels = arena.allocate(bytes, 4);
        MemorySegment config = arena.allocate(WebpStructs.DECODER_CONFIG);
        if ((int) Libwebp.INIT_DECODER_CONFIG.invokeExact(config, Libwebp.DECODER_ABI_VERSION) == 0) {
            throw new IllegalStateException("WebPInitDecoderConfig refused ABI version 0x209");
        }
        // external memory: libwebp writes into our buffer and checks stride x height against its size itself
        WebpStructs.DECODER_OUTPUT_COLORSPACE.set(config, 0L, MODE_BGRA);
        WebpStructs.DECODER_OUTPUT_EXTERNAL.set(config, 0L, 1);
        WebpStructs.DECODER_OUTPUT_RGBA.set(config, 0L, pixels);
        WebpStructs.DECODER_OUTPUT_STRIDE.set(config, 0L, width * 4);
        WebpStructs.DECODER_OUTPUT_SIZE.set(config, 0L, bytes);
        MemorySegment output = config.asSlice(WebpStructs.DECODER_CONFIG.byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("output")));
        try {
            int status = (int) Libwebp.DECODE_WITH_CONFIG.invokeExact(input, input.byteSize(), config);
            if (status != 0) {
                throw WebpInput.corrupt(Libwebp.statusName(status));
            }
        } finally {
            // frees nothing for external memory, but anything libwebp kept in private_memory on a failure path
            Libwebp.FREE_DEC_BUFFER.invokeExact(output);
        }
        return WebpPixels.fromNative(pixels, width, height, features.hasAlpha());
    }
}
