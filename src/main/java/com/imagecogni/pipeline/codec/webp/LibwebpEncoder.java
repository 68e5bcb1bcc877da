package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.encode.EncodeOptions;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Still WebP through the system libwebp's advanced API (WebPConfig + WebPPicture + WebPMemoryWriter): lossy at the
 * requested quality or lossless, effort as WebPConfig.method; opaque images get no alpha plane. Use only when
 * {@link Libwebp#available()}; webp-imageio's WebpEncoder is the fallback.
 */
public final class LibwebpEncoder {

    public byte[] encode(BufferedImage image, EncodeOptions options) {
        Libwebp.requireStill();
        WebpPicture.checkSize(image.getWidth(), image.getHeight());
        try (Arena arena = Arena.ofConfined()) {
            return encode(arena, image, options);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libwebp downcall failed", t);
        }
    }

    private static byte[] encode(Arena arena, BufferedImage image, EncodeOptions options) throws Throwable {
        MemorySegment config = WebpConfig.of(arena, options);
        MemorySegment writer = arena.allocate(WebpStructs.MEMORY_WRITER);
        Libwebp.MEMORY_WRITER_INIT.invokeExact(writer);
        MemorySegment picture = WebpPicture.of(arena, image);
        try {
            WebpStructs.PICTURE_WRITER.set(picture, 0L, Libwebp.MEMORY_WRITE);
            WebpStructs.PICTURE_CUSTOM_PTR.set(picture, 0L, writer);
            if ((int) Libwebp.ENCODE.invokeExact(config, picture) == 0) {
                throw WebpPicture.failed("libwebp could not encode the " + image.getWidth() + "x" + image.getHeight()
                        + " image: " + WebpPicture.errorName(picture));
            }
            long size = (long) WebpStructs.WRITER_SIZE.get(writer, 0L);
            MemorySegment mem = (MemorySegment) WebpStructs.WRITER_MEM.get(writer, 0L);
            return mem.reinterpret(size).toArray(ValueLayout.JAVA_BYTE);
        } finally {
            WebpPicture.free(picture);
            Libwebp.MEMORY_WRITER_CLEAR.invokeExact(writer);
        }
    }
}
