package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Decodes the primary image of a HEIC or AVIF file through libheif into 8-bit sRGB-order pixels, with its rotation and
 * mirroring applied and its grid tiles assembled. The header is checked against the {@link DecodeLimits} before any
 * pixel is decoded, and the decoded plane against the header.
 */
public final class HeifDecoder {

    /** libheif 1.15's own default per-side limit; set explicitly so a later libheif default cannot raise it. */
    private static final int MAX_SIDE = 32_768;
    /** A BufferedImage holds its pixels in one int[]: more than this cannot be represented at all. */
    private static final long MAX_ARRAY_PIXELS = Integer.MAX_VALUE - 8;

    private final DecodeLimits limits;

    public HeifDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    /** The primary image's header, without decoding pixels; refused like {@link #decode} when over the limits. */
    public HeifProbe probe(byte[] data) {
        return withPrimaryImage(data, (arena, bytes, handle, probe) -> probe);
    }

    /** The primary image's pixels and metadata. */
    public DecodedHeif decode(byte[] data) {
        return withPrimaryImage(data, (arena, bytes, handle, probe) -> {
            requireDecoder(probe.compression());
            SourceMetadata metadata = HeifMetadataReader.read(arena, handle, bytes.byteSize());
            return new DecodedHeif(pixels(arena, handle, probe), metadata, probe);
        });
    }

    private interface PrimaryImageWork<T> {
        T apply(Arena arena, MemorySegment data, MemorySegment handle, HeifProbe probe);
    }

    private <T> T withPrimaryImage(byte[] data, PrimaryImageWork<T> work) {
        if (!HeifBinding.available()) {
            throw new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT,
                    "HEIF/AVIF decoding is not available: " + HeifBinding.unavailableReason());
        }
        if (data.length == 0) {
            throw new InputRejectedException(FailureReason.EMPTY_INPUT, "the HEIF data is empty");
        }
        // confined: every Java-side buffer of this call is freed when it returns, on any path
        try (Arena arena = Arena.ofConfined()) {
            // read_from_memory_without_copy keeps pointing at these bytes: they live as long as the arena
            MemorySegment bytes = arena.allocate(data.length);
            MemorySegment.copy(data, 0, bytes, JAVA_BYTE, 0, data.length);
            MemorySegment context = HeifBinding.contextAlloc();
            try {
                HeifBinding.setMaximumImageSizeLimit(context, (int) Math.min(MAX_SIDE, limits.maxPixels()));
                HeifBinding.readFromMemoryWithoutCopy(arena, context, bytes);
                MemorySegment handle = HeifBinding.primaryImageHandle(arena, context);
                try {
                    HeifProbe probe = probe(arena, bytes, handle);
                    checkLimits(probe);
                    return work.apply(arena, bytes, handle, probe);
                } finally {
                    HeifBinding.handleRelease(handle);
                }
            } finally {
                HeifBinding.contextFree(context);
            }
        } catch (HeifFailure failure) {
            throw rejected(failure);
        }
    }

    private static HeifProbe probe(Arena arena, MemorySegment bytes, MemorySegment handle) {
        return new HeifProbe(HeifBinding.handleWidth(handle), HeifBinding.handleHeight(handle),
                HeifBinding.handleHasAlpha(handle), HeifBinding.handleLumaBitsPerPixel(handle),
                HeifBrands.compressionOf(arena, bytes));
    }

    private void checkLimits(HeifProbe probe) {
        if (probe.width() <= 0 || probe.height() <= 0) {
            throw new InputRejectedException(FailureReason.CORRUPT_IMAGE,
                    "the HEIF data cannot be decoded: the primary image has no size (" + probe.width() + "x"
                            + probe.height() + ")");
        }
        if (probe.pixels() > limits.maxPixels() || probe.pixels() > MAX_ARRAY_PIXELS) {
            throw new InputRejectedException(FailureReason.TOO_MANY_PIXELS, "the HEIF image is " + probe.width() + "x"
                    + probe.height() + " = " + probe.pixels() + " pixels, over the limit of " + limits.maxPixels());
        }
    }

    /** Decoders are separate libraries (separate plugin packages from libheif 1.16 on): say which one is missing. */
    private static void requireDecoder(HeifCompression compression) {
        if (compression == HeifCompression.HEVC && !HeifBinding.haveDecoderFor(HeifBinding.COMPRESSION_HEVC)) {
            throw new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT, "HEIC (HEVC) decoding needs libheif's"
                    + " libde265 decoder, which is not installed (Debian: libheif1 1.15 built with libde265, or"
                    + " libheif-plugin-libde265 from 1.16)");
        }
        if (compression == HeifCompression.AV1 && !HeifBinding.haveDecoderFor(HeifBinding.COMPRESSION_AV1)) {
            throw new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT, "AVIF decoding needs libheif's dav1d"
                    + " or aom decoder, which is not installed (Debian: libheif-plugin-dav1d from libheif 1.16)");
        }
    }

    private static BufferedImage pixels(Arena arena, MemorySegment handle, HeifProbe probe) {
        boolean alpha = probe.hasAlpha();
        MemorySegment options = HeifBinding.decodingOptionsAlloc();
        MemorySegment image;
        try {
            // libheif 1.15 already converts 10/12-bit images to 8 bits for interleaved RGB(A) (tested: a 10-bit HEIC
            // gives an 8-bit plane without options); the flag (options version 2+) states it for later versions.
            // HeifPixels still reads 16-bit planes should a libheif ever return one.
            if (options.get(JAVA_BYTE, HeifBinding.DECODING_OPTIONS_VERSION) >= 2) {
                options.set(JAVA_BYTE, HeifBinding.DECODING_OPTIONS_CONVERT_HDR_TO_8BIT, (byte) 1);
            }
            image = HeifBinding.decodeImage(arena, handle, HeifBinding.COLORSPACE_RGB,
                    alpha ? HeifBinding.CHROMA_INTERLEAVED_RGBA : HeifBinding.CHROMA_INTERLEAVED_RGB, options);
        } finally {
            HeifBinding.decodingOptionsFree(options);
        }
        try {
            return copy(arena, image, probe);
        } finally {
            HeifBinding.imageRelease(image);
        }
    }

    /** The header is the authority: a plane of another size than it promised is refused, not cropped or padded. */
    private static BufferedImage copy(Arena arena, MemorySegment image, HeifProbe probe) {
        int channel = HeifBinding.CHANNEL_INTERLEAVED;
        int width = HeifBinding.imageWidth(image, channel);
        int height = HeifBinding.imageHeight(image, channel);
        int bits = HeifBinding.imageBitsPerPixelRange(image, channel);
        MemorySegment strideOut = arena.allocate(JAVA_INT);
        MemorySegment plane = HeifBinding.imagePlaneReadonly(image, channel, strideOut);
        long stride = strideOut.get(JAVA_INT, 0);
        int bytesPerPixel = (probe.hasAlpha() ? 4 : 3) * (bits > 8 ? 2 : 1);
        if (width != probe.width() || height != probe.height()) {
            throw corrupt("the decoded image is " + width + "x" + height + " but the header says " + probe.width()
                    + "x" + probe.height());
        }
        if (plane.equals(MemorySegment.NULL) || bits < 8 || bits > 16 || stride < (long) width * bytesPerPixel) {
            throw corrupt("the decoded image has no usable interleaved plane (" + bits + " bits, stride " + stride
                    + ")");
        }
        MemorySegment rows = plane.reinterpret(stride * (height - 1) + (long) width * bytesPerPixel);
        return HeifPixels.toImage(rows, stride, width, height, probe.hasAlpha(), bits,
                probe.hasAlpha() && HeifBinding.imageIsPremultipliedAlpha(image));
    }

    private static InputRejectedException corrupt(String why) {
        return new InputRejectedException(FailureReason.CORRUPT_IMAGE, "the HEIF data cannot be decoded: " + why);
    }

    private static InputRejectedException rejected(HeifFailure failure) {
        if (failure.subcode() == HeifBinding.SUBERROR_UNSUPPORTED_CODEC) {
            return new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT,
                    "the HEIF image uses a codec libheif cannot decode here: " + failure.getMessage());
        }
        return corrupt(failure.getMessage());
    }
}
