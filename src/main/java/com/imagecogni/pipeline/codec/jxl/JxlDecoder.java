package com.imagecogni.pipeline.codec.jxl;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.DecodeLimits;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Decodes a JPEG XL file (bare codestream or container) through libjxl into 8-bit pixels, upright, with sRGB output
 * for lossy files. The header is checked against the {@link DecodeLimits} before any pixel buffer exists, and the
 * buffer libjxl asks for against the header. Of an animation only the first (coalesced) frame is decoded. Holds no
 * state between calls: one instance may serve many threads.
 */
public final class JxlDecoder {

    /** A BufferedImage holds its pixels in one int[]: more than this cannot be represented at all. */
    private static final long MAX_ARRAY_PIXELS = Integer.MAX_VALUE - 8;
    private static final int PIXEL_EVENTS = Jxl.DEC_BASIC_INFO | Jxl.DEC_COLOR_ENCODING | Jxl.DEC_FULL_IMAGE;

    private final DecodeLimits limits;

    public JxlDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    /** The header, without decoding pixels; refused like {@link #decode} when over the limits. */
    public JxlProbe probe(byte[] data) {
        return run(data, false).probe();
    }

    /** The pixels (first frame) and, when they are not sRGB, their ICC profile. */
    public DecodedJxl decode(byte[] data) {
        return run(data, true);
    }

    private DecodedJxl run(byte[] data, boolean pixels) {
        if (!Jxl.available()) {
            throw new InputRejectedException(FailureReason.FORMAT_NOT_AVAILABLE,
                    "JPEG XL decoding is not available: " + Jxl.problems());
        }
        if (data == null || data.length == 0) {
            throw new InputRejectedException(FailureReason.EMPTY_INPUT, "the JPEG XL data is empty");
        }
        // confined: the input copy, the structs and the pixel buffer are freed when this call returns, on any path
        try (Arena arena = Arena.ofConfined(); JxlRunner runner = JxlRunner.create()) {
            MemorySegment decoder = (MemorySegment) Jxl.DECODER_CREATE.invokeExact(MemorySegment.NULL);
            if (decoder.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("JxlDecoderCreate failed");
            }
            try {
                return decode(arena, decoder, runner, data, pixels);
            } finally {
                Jxl.DECODER_DESTROY.invokeExact(decoder);
            }
        } catch (JxlFailure failure) {
            throw corrupt(failure.getMessage());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libjxl downcall failed", t);
        }
    }

    private DecodedJxl decode(Arena arena, MemorySegment decoder, JxlRunner runner, byte[] data, boolean pixels)
            throws Throwable {
        check((int) Jxl.DECODER_SUBSCRIBE_EVENTS.invokeExact(decoder, pixels ? PIXEL_EVENTS : Jxl.DEC_BASIC_INFO),
                "JxlDecoderSubscribeEvents");
        // upright pixels, and a basic info whose xsize/ysize describe them (libjxl's default, stated explicitly)
        check((int) Jxl.DECODER_SET_KEEP_ORIENTATION.invokeExact(decoder, 0), "JxlDecoderSetKeepOrientation");
        // TYPE_INT_ARGB is not premultiplied: libjxl divides out the alpha of a file that stores it premultiplied
        // (untested here: libjxl 0.7's encoder aborts on a JxlEncoderSetExtraChannelInfo asking for one)
        check((int) Jxl.DECODER_SET_UNPREMULTIPLY_ALPHA.invokeExact(decoder, 1), "JxlDecoderSetUnpremultiplyAlpha");
        if (runner.present()) {
            check((int) Jxl.DECODER_SET_PARALLEL_RUNNER.invokeExact(decoder, Jxl.RUNNER, runner.opaque()),
                    "JxlDecoderSetParallelRunner");
        }
        MemorySegment input = arena.allocate(data.length);
        MemorySegment.copy(data, 0, input, JAVA_BYTE, 0, data.length);
        check((int) Jxl.DECODER_SET_INPUT.invokeExact(decoder, input, input.byteSize()), "JxlDecoderSetInput");
        // all of the file is there: running out of input is truncation, not a reason to wait for more
        Jxl.DECODER_CLOSE_INPUT.invokeExact(decoder);

        JxlProbe probe = null;
        byte[] icc = null;
        MemorySegment buffer = null;
        while (true) {
            int status = (int) Jxl.DECODER_PROCESS_INPUT.invokeExact(decoder);
            switch (status) {
                case Jxl.DEC_BASIC_INFO -> {
                    probe = basicInfo(arena, decoder);
                    checkLimits(probe);
                    if (!pixels) {
                        return new DecodedJxl(null, null, probe);
                    }
                    runner.size(probe.width(), probe.height());
                }
                case Jxl.DEC_COLOR_ENCODING -> {
                    JxlColor.preferSrgb(arena, decoder, grayscale(arena, decoder));
                    icc = JxlColor.dataProfile(arena, decoder);
                }
                case Jxl.DEC_NEED_IMAGE_OUT_BUFFER -> buffer = outBuffer(arena, decoder, requireHeader(probe));
                case Jxl.DEC_FULL_IMAGE -> {
                    if (buffer == null) {
                        throw new JxlFailure("libjxl reported an image before asking for a buffer");
                    }
                    // stop here: of an animation only the first frame is wanted
                    BufferedImage image = JxlPixels.fromNative(buffer, probe.width(), probe.height(),
                            probe.hasAlpha());
                    return new DecodedJxl(image, icc, probe);
                }
                case Jxl.DEC_SUCCESS -> throw new JxlFailure("the file ends without an image");
                case Jxl.DEC_NEED_MORE_INPUT -> throw new JxlFailure("the data is truncated");
                case Jxl.DEC_ERROR -> throw new JxlFailure("libjxl refused the codestream");
                default -> throw new JxlFailure("unexpected decoder status 0x" + Integer.toHexString(status));
            }
        }
    }

    private static JxlProbe basicInfo(Arena arena, MemorySegment decoder) throws Throwable {
        MemorySegment info = arena.allocate(JxlStructs.BASIC_INFO);
        check((int) Jxl.DECODER_GET_BASIC_INFO.invokeExact(decoder, info), "JxlDecoderGetBasicInfo");
        return new JxlProbe((int) JxlStructs.INFO_XSIZE.get(info, 0L), (int) JxlStructs.INFO_YSIZE.get(info, 0L),
                (int) JxlStructs.INFO_ALPHA_BITS.get(info, 0L) != 0,
                (int) JxlStructs.INFO_HAVE_ANIMATION.get(info, 0L) != 0,
                (int) JxlStructs.INFO_BITS_PER_SAMPLE.get(info, 0L));
    }

    private static boolean grayscale(Arena arena, MemorySegment decoder) throws Throwable {
        MemorySegment info = arena.allocate(JxlStructs.BASIC_INFO);
        check((int) Jxl.DECODER_GET_BASIC_INFO.invokeExact(decoder, info), "JxlDecoderGetBasicInfo");
        return (int) JxlStructs.INFO_NUM_COLOR_CHANNELS.get(info, 0L) == 1;
    }

    /**
     * uint32 sides read as Java ints: a side of 2^31 or more comes out negative and is refused like a zero side. Of an
     * animation only one frame is decoded, so one frame's pixels are what the limit is checked against.
     */
    private void checkLimits(JxlProbe probe) {
        if (probe.width() <= 0 || probe.height() <= 0) {
            throw new JxlFailure("the image has no usable size (" + Integer.toUnsignedString(probe.width()) + "x"
                    + Integer.toUnsignedString(probe.height()) + ")");
        }
        if (probe.pixels() > limits.maxPixels() || probe.pixels() > MAX_ARRAY_PIXELS) {
            throw new InputRejectedException(FailureReason.TOO_MANY_PIXELS, "the JPEG XL image is " + probe.width()
                    + "x" + probe.height() + " = " + probe.pixels() + " pixels, over the limit of "
                    + limits.maxPixels());
        }
    }

    /** The buffer for the whole (first) frame; libjxl's size must be exactly the header's width x height pixels. */
    private static MemorySegment outBuffer(Arena arena, MemorySegment decoder, JxlProbe probe) throws Throwable {
        int channels = probe.hasAlpha() ? 4 : 3;
        MemorySegment format = JxlFormats.uint8(arena, channels);
        MemorySegment sizeOut = arena.allocate(JAVA_LONG);
        check((int) Jxl.DECODER_IMAGE_OUT_BUFFER_SIZE.invokeExact(decoder, format, sizeOut),
                "JxlDecoderImageOutBufferSize");
        long size = sizeOut.get(JAVA_LONG, 0);
        long expected = probe.pixels() * channels;
        if (size != expected) {
            throw new JxlFailure("libjxl wants a " + size + "-byte buffer for a " + probe.width() + "x"
                    + probe.height() + " image of " + channels + " channels (" + expected + " bytes)");
        }
        MemorySegment buffer = arena.allocate(size);
        check((int) Jxl.DECODER_SET_IMAGE_OUT_BUFFER.invokeExact(decoder, format, buffer, size),
                "JxlDecoderSetImageOutBuffer");
        return buffer;
    }

    private static JxlProbe requireHeader(JxlProbe probe) {
        if (probe == null) {
            throw new JxlFailure("libjxl asked for a pixel buffer before the header");
        }
        return probe;
    }

    private static void check(int status, String function) {
        if (status != Jxl.DEC_SUCCESS) {
            throw new JxlFailure(function + " failed (status " + status + ")");
        }
    }

    private static InputRejectedException corrupt(String why) {
        return new InputRejectedException(FailureReason.CORRUPT_IMAGE, "the JPEG XL data cannot be decoded: " + why);
    }
}
