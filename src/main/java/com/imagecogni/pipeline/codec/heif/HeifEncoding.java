package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Encodes a BufferedImage into a HEIF file with one of libheif's encoders (AV1 for {@link AvifEncoder}; HEVC is used by
 * the tests to make HEIC inputs). Every native object is released before returning; failures surface as
 * {@link HeifFailure}.
 */
final class HeifEncoding {

    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int NCLX_BT709 = 1;
    private static final int NCLX_SRGB_TRANSFER = 13;
    private static final int NCLX_MATRIX_IDENTITY = 0;

    /**
     * @param compression a HeifBinding.COMPRESSION_* value
     * @param speed the encoder's speed parameter, or -1 for its default
     * @param chroma "420", "422" or "444" (the aom and x265 "chroma" parameter), or null for the default
     * @param bitDepth 8, or 10/12 to feed the encoder a high-bit-depth plane (samples scaled up from 8 bits)
     * @param orientation EXIF orientation 1..8 written as irot/imir boxes (libheif encoding options version 5)
     */
    record Settings(int compression, int quality, boolean lossless, int speed, String chroma, int bitDepth,
            int orientation) {
    }

    private HeifEncoding() {
    }

    static byte[] encode(BufferedImage source, Settings settings, SourceMetadata metadata) {
        int width = source.getWidth();
        int height = source.getHeight();
        // an alpha plane that is opaque everywhere only costs encode time and bytes
        boolean alpha = source.getColorModel().hasAlpha() && !opaque(source);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment context = HeifBinding.contextAlloc();
            try {
                MemorySegment encoder = HeifBinding.encoderForFormat(arena, context, settings.compression());
                try {
                    configure(arena, encoder, settings);
                    MemorySegment image = image(arena, source, width, height, alpha, settings.bitDepth());
                    try {
                        encodeInto(arena, context, encoder, image, settings, metadata);
                    } finally {
                        HeifBinding.imageRelease(image);
                    }
                } finally {
                    HeifBinding.encoderRelease(encoder);
                }
                return HeifOutput.write(arena, context);
            } finally {
                HeifBinding.contextFree(context);
            }
        }
    }

    private static void configure(Arena arena, MemorySegment encoder, Settings settings) {
        HeifBinding.encoderSetLossless(arena, encoder, settings.lossless());
        if (!settings.lossless()) {
            HeifBinding.encoderSetLossyQuality(arena, encoder, settings.quality());
        }
        if (settings.speed() >= 0) {
            HeifBinding.encoderSetParameter(arena, encoder, "speed", settings.speed());
        }
        if (settings.chroma() != null) {
            HeifBinding.encoderSetParameter(arena, encoder, "chroma", settings.chroma());
        }
        if (settings.compression() == HeifBinding.COMPRESSION_AV1) {
            // aom's default is 4 threads (libheif's parameter, 1..16); match the machine instead
            int threads = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 16);
            HeifBinding.encoderSetParameter(arena, encoder, "threads", threads);
        }
    }

    private static void encodeInto(Arena arena, MemorySegment context, MemorySegment encoder, MemorySegment image,
            Settings settings, SourceMetadata metadata) {
        byte[] icc = metadata.icc();
        if (icc != null && icc.length > 0) {
            HeifBinding.imageSetRawColorProfile(arena, image, "prof", arena.allocateFrom(JAVA_BYTE, icc));
        }
        if (settings.lossless()) {
            // lossless only when the RGB samples are coded as they are: identity matrix (and 4:4:4, see AvifEncoder)
            HeifBinding.imageSetNclx(arena, image, NCLX_BT709, NCLX_SRGB_TRANSFER, NCLX_MATRIX_IDENTITY);
        }
        MemorySegment options = HeifBinding.encodingOptionsAlloc();
        MemorySegment handle;
        try {
            int version = options.get(JAVA_BYTE, HeifBinding.ENCODING_OPTIONS_VERSION);
            if (settings.lossless() && icc != null && version >= 3) {
                // with an ICC profile libheif writes only the 'prof' colr box, and a decoder would assume the YCbCr
                // matrix; the nclx box carrying the identity matrix must be written too
                options.set(JAVA_BYTE, HeifBinding.ENCODING_OPTIONS_SAVE_TWO_COLR_BOXES, (byte) 1);
            }
            if (settings.orientation() != 1 && version >= 5) {
                options.set(JAVA_INT, HeifBinding.ENCODING_OPTIONS_IMAGE_ORIENTATION, settings.orientation());
            }
            handle = HeifBinding.encodeImage(arena, context, image, encoder, options);
        } finally {
            HeifBinding.encodingOptionsFree(options);
        }
        try {
            if (metadata.exif() != null && metadata.exif().length > 0) {
                HeifBinding.addExif(arena, context, handle, arena.allocateFrom(JAVA_BYTE, metadata.exif()));
            }
            if (metadata.xmp() != null && metadata.xmp().length > 0) {
                HeifBinding.addXmp(arena, context, handle, arena.allocateFrom(JAVA_BYTE, metadata.xmp()));
            }
        } finally {
            HeifBinding.handleRelease(handle);
        }
    }

    /** A libheif RGB(A) image with one interleaved plane holding the source's pixels. The caller releases it. */
    private static MemorySegment image(Arena arena, BufferedImage source, int width, int height, boolean alpha,
            int bitDepth) {
        boolean wide = bitDepth > 8;
        int chroma = wide ? (alpha ? HeifBinding.CHROMA_INTERLEAVED_RRGGBBAA_LE : HeifBinding.CHROMA_INTERLEAVED_RRGGBB_LE)
                : (alpha ? HeifBinding.CHROMA_INTERLEAVED_RGBA : HeifBinding.CHROMA_INTERLEAVED_RGB);
        MemorySegment image = HeifBinding.imageCreate(arena, width, height, HeifBinding.COLORSPACE_RGB, chroma);
        try {
            HeifBinding.imageAddPlane(arena, image, HeifBinding.CHANNEL_INTERLEAVED, width, height, bitDepth);
            MemorySegment strideOut = arena.allocate(JAVA_INT);
            MemorySegment plane = HeifBinding.imagePlane(image, HeifBinding.CHANNEL_INTERLEAVED, strideOut);
            long stride = strideOut.get(JAVA_INT, 0);
            int channels = alpha ? 4 : 3;
            plane = plane.reinterpret(stride * height);
            fill(source, plane, stride, width, height, channels, bitDepth);
            return image;
        } catch (RuntimeException | Error e) {
            HeifBinding.imageRelease(image);
            throw e;
        }
    }

    private static void fill(BufferedImage source, MemorySegment plane, long stride, int width, int height,
            int channels, int bitDepth) {
        int[] argb = new int[width];
        byte[] row = bitDepth > 8 ? null : new byte[width * channels];
        short[] wideRow = bitDepth > 8 ? new short[width * channels] : null;
        RowSource rows = RowSource.of(source);
        for (int y = 0; y < height; y++) {
            rows.read(y, argb);
            if (row != null) {
                toBytes(argb, row, channels);
                // one bulk copy per row into the plane (the stride may be padded)
                MemorySegment.copy(row, 0, plane, JAVA_BYTE, y * stride, row.length);
            } else {
                toWide(argb, wideRow, channels, bitDepth);
                MemorySegment.copy(wideRow, 0, plane, SHORT_LE, y * stride, wideRow.length);
            }
        }
    }

    private static void toBytes(int[] argb, byte[] row, int channels) {
        if (channels == 4) {
            for (int x = 0, i = 0; x < argb.length; x++, i += 4) {
                int p = argb[x];
                row[i] = (byte) (p >> 16);
                row[i + 1] = (byte) (p >> 8);
                row[i + 2] = (byte) p;
                row[i + 3] = (byte) (p >>> 24);
            }
        } else {
            for (int x = 0, i = 0; x < argb.length; x++, i += 3) {
                int p = argb[x];
                row[i] = (byte) (p >> 16);
                row[i + 1] = (byte) (p >> 8);
                row[i + 2] = (byte) p;
            }
        }
    }

    /** 8-bit samples scaled to {@code bitDepth} bits by bit replication (0 stays 0, 255 becomes the maximum). */
    private static void toWide(int[] argb, short[] row, int channels, int bitDepth) {
        int shift = bitDepth - 8;
        for (int x = 0; x < argb.length; x++) {
            int p = argb[x];
            int i = x * channels;
            row[i] = widen((p >> 16) & 0xFF, shift);
            row[i + 1] = widen((p >> 8) & 0xFF, shift);
            row[i + 2] = widen(p & 0xFF, shift);
            if (channels == 4) {
                row[i + 3] = widen(p >>> 24, shift);
            }
        }
    }

    private static short widen(int value, int shift) {
        return (short) ((value << shift) | (value >> (8 - shift)));
    }

    private static boolean opaque(BufferedImage image) {
        int[] argb = new int[image.getWidth()];
        RowSource rows = RowSource.of(image);
        for (int y = 0; y < image.getHeight(); y++) {
            rows.read(y, argb);
            for (int p : argb) {
                if (p >>> 24 != 0xFF) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rows of any BufferedImage as non-premultiplied ARGB ints; the int-packed types are read without conversion. */
    private interface RowSource {
        void read(int y, int[] argb);

        static RowSource of(BufferedImage image) {
            int type = image.getType();
            if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
                    && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                    && image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel model
                    && buffer.getNumBanks() == 1) {
                int[] data = buffer.getData();
                int scanline = model.getScanlineStride();
                int offset = buffer.getOffset() - image.getRaster().getSampleModelTranslateY() * scanline
                        - image.getRaster().getSampleModelTranslateX();
                boolean opaque = type == BufferedImage.TYPE_INT_RGB;
                int width = image.getWidth();
                return (y, argb) -> {
                    System.arraycopy(data, offset + y * scanline, argb, 0, width);
                    if (opaque) {
                        for (int x = 0; x < width; x++) {
                            argb[x] |= 0xFF000000;
                        }
                    }
                };
            }
            return (y, argb) -> image.getRGB(0, y, image.getWidth(), 1, argb, 0, image.getWidth());
        }
    }
}
