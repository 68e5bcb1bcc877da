package com.imagecogni.pipeline.codec.jxl;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.encode.EncodeOptions;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * JPEG XL through libjxl, set up like cjxl 0.7 so sizes and times compare: quality maps to a butteraugli distance
 * with cjxl's formula (quality 100, like lossless, is modular lossless), effort 0..9 onto libjxl's 1..9 (default 7).
 * The pixels are written as 8-bit sRGB, with an 8-bit alpha channel when the image has one. Holds no state between
 * calls: one instance may serve many threads.
 */
public final class JxlEncoder {

    /** cjxl's default effort ("squirrel"). */
    static final int DEFAULT_EFFORT = 7;
    static final int MIN_EFFORT = 1;
    static final int MAX_EFFORT = 9;
    /** Output is drained to the heap a chunk at a time, so native memory stays this size whatever the file size. */
    private static final long CHUNK = 1L << 20;

    /** libjxl is installed. */
    public static boolean availableForEncode() {
        return Jxl.available();
    }

    /** The image as a JPEG XL codestream (no container: there is no metadata to box). */
    public byte[] encode(BufferedImage image, EncodeOptions options) {
        if (!Jxl.available()) {
            throw new ProcessingFailedException(FailureReason.ENCODE_FAILED,
                    "JPEG XL encoding is not available: " + Jxl.problems());
        }
        try (Arena arena = Arena.ofConfined(); JxlRunner runner = JxlRunner.create()) {
            MemorySegment encoder = (MemorySegment) Jxl.ENCODER_CREATE.invokeExact(MemorySegment.NULL);
            if (encoder.equals(MemorySegment.NULL)) {
                throw new ProcessingFailedException(FailureReason.ENCODE_FAILED, "JxlEncoderCreate failed");
            }
            try {
                return encode(arena, encoder, runner, image, options);
            } finally {
                Jxl.ENCODER_DESTROY.invokeExact(encoder);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libjxl downcall failed", t);
        }
    }

    /**
     * cjxl 0.7's --quality to --distance (tools/cjxl_main.cc): 0.1 + (100 - q) * 0.09 from 30 up (1.0 at 90, 6.4 at
     * 30), then 6.4 + 2.5^((30 - q) / 5) / 6.25, which steps from 6.4 to 6.59 between 30 and 29 as cjxl's does;
     * quality 100 is distance 0.
     */
    static float distance(int quality) {
        if (quality >= 100) {
            return 0f;
        }
        double distance = quality >= 30 ? 0.1 + (100 - quality) * 0.09 : 6.4 + Math.pow(2.5, (30 - quality) / 5.0) / 6.25;
        return (float) distance;
    }

    /** Lossless when asked for, and at quality 100, where cjxl's distance 0 means lossless too. */
    static boolean lossless(EncodeOptions options) {
        return options.lossless() || options.quality() >= 100;
    }

    private static byte[] encode(Arena arena, MemorySegment encoder, JxlRunner runner, BufferedImage image,
            EncodeOptions options) throws Throwable {
        int width = image.getWidth();
        int height = image.getHeight();
        boolean alpha = image.getColorModel().hasAlpha();
        boolean lossless = lossless(options);
        if (runner.present()) {
            runner.size(width, height);
            check(encoder, (int) Jxl.ENCODER_SET_PARALLEL_RUNNER.invokeExact(encoder, Jxl.RUNNER, runner.opaque()),
                    "JxlEncoderSetParallelRunner");
        }
        MemorySegment info = arena.allocate(JxlStructs.BASIC_INFO);
        Jxl.ENCODER_INIT_BASIC_INFO.invokeExact(info);
        JxlStructs.INFO_XSIZE.set(info, 0L, width);
        JxlStructs.INFO_YSIZE.set(info, 0L, height);
        JxlStructs.INFO_BITS_PER_SAMPLE.set(info, 0L, 8);
        JxlStructs.INFO_NUM_COLOR_CHANNELS.set(info, 0L, 3);
        JxlStructs.INFO_NUM_EXTRA_CHANNELS.set(info, 0L, alpha ? 1 : 0);
        JxlStructs.INFO_ALPHA_BITS.set(info, 0L, alpha ? 8 : 0);
        JxlStructs.INFO_ALPHA_PREMULTIPLIED.set(info, 0L, 0);
        // lossless must keep the samples in their own (sRGB) space; lossy converts to XYB, which compresses better
        JxlStructs.INFO_USES_ORIGINAL_PROFILE.set(info, 0L, lossless ? 1 : 0);
        check(encoder, (int) Jxl.ENCODER_SET_BASIC_INFO.invokeExact(encoder, info), "JxlEncoderSetBasicInfo");

        MemorySegment srgb = arena.allocate(JxlStructs.COLOR_ENCODING);
        Jxl.COLOR_ENCODING_SET_TO_SRGB.invokeExact(srgb, 0);
        check(encoder, (int) Jxl.ENCODER_SET_COLOR_ENCODING.invokeExact(encoder, srgb), "JxlEncoderSetColorEncoding");

        MemorySegment settings = (MemorySegment) Jxl.ENCODER_FRAME_SETTINGS_CREATE.invokeExact(encoder,
                MemorySegment.NULL);
        if (settings.equals(MemorySegment.NULL)) {
            throw failed(encoder, "JxlEncoderFrameSettingsCreate");
        }
        int effort = options.effortOn(MIN_EFFORT, MAX_EFFORT, DEFAULT_EFFORT);
        check(encoder, (int) Jxl.ENCODER_FRAME_SETTINGS_SET_OPTION.invokeExact(settings, Jxl.ENC_FRAME_SETTING_EFFORT,
                (long) effort), "JxlEncoderFrameSettingsSetOption(effort)");
        if (lossless) {
            check(encoder, (int) Jxl.ENCODER_SET_FRAME_LOSSLESS.invokeExact(settings, 1), "JxlEncoderSetFrameLossless");
        } else {
            check(encoder, (int) Jxl.ENCODER_SET_FRAME_DISTANCE.invokeExact(settings, distance(options.quality())),
                    "JxlEncoderSetFrameDistance");
        }

        MemorySegment format = JxlFormats.uint8(arena, alpha ? 4 : 3);
        MemorySegment pixels = JxlPixels.toNative(arena, image, alpha);
        check(encoder, (int) Jxl.ENCODER_ADD_IMAGE_FRAME.invokeExact(settings, format, pixels, pixels.byteSize()),
                "JxlEncoderAddImageFrame");
        Jxl.ENCODER_CLOSE_INPUT.invokeExact(encoder);
        return output(arena, encoder);
    }

    /** Runs JxlEncoderProcessOutput into one reused native chunk until the codestream is complete. */
    private static byte[] output(Arena arena, MemorySegment encoder) throws Throwable {
        MemorySegment chunk = arena.allocate(CHUNK);
        MemorySegment nextOut = arena.allocate(ADDRESS);
        MemorySegment availOut = arena.allocate(JAVA_LONG);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            nextOut.set(ADDRESS, 0, chunk);
            availOut.set(JAVA_LONG, 0, CHUNK);
            int status = (int) Jxl.ENCODER_PROCESS_OUTPUT.invokeExact(encoder, nextOut, availOut);
            long written = CHUNK - availOut.get(JAVA_LONG, 0);
            out.write(chunk.asSlice(0, written).toArray(JAVA_BYTE));
            if (status == Jxl.ENC_SUCCESS) {
                return out.toByteArray();
            }
            if (status != Jxl.ENC_NEED_MORE_OUTPUT) {
                throw failed(encoder, "JxlEncoderProcessOutput");
            }
        }
    }

    private static void check(MemorySegment encoder, int status, String function) throws Throwable {
        if (status != Jxl.ENC_SUCCESS) {
            throw failed(encoder, function);
        }
    }

    private static ProcessingFailedException failed(MemorySegment encoder, String function) throws Throwable {
        int error = (int) Jxl.ENCODER_GET_ERROR.invokeExact(encoder);
        return new ProcessingFailedException(FailureReason.ENCODE_FAILED,
                "the JPEG XL image cannot be encoded: " + function + " failed (" + Jxl.encoderErrorName(error) + ")");
    }
}
