package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.encode.Encoder;

import com.imagecogni.pipeline.image.Images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static com.imagecogni.pipeline.codec.jpeg.TurboJpeg.functions;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Baseline or progressive JPEG through TurboJPEG, with EXIF/XMP/ICC spliced in afterwards by {@link JpegSegments}
 * (TurboJPEG 2.1 writes only a JFIF header). Each call uses its own TurboJPEG instance, as instances are not
 * thread-safe and cost microseconds to create.
 */
public final class TurboJpegEncoder implements Encoder {

    /** Quality at which chroma is no longer subsampled (libvips' "auto" subsampling rule: 4:4:4 from Q 90). */
    static final int FULL_CHROMA_QUALITY = 90;

    /**
     * TurboJPEG compresses with the fast (less accurate) forward DCT unless told otherwise; the accurate one costs a
     * few ms per 1920x1440 encode for +0.1 dB (TurboJpegMeasurements) and is what libjpeg, ImageIO and libvips use.
     */
    static final int BASE_FLAGS = TurboJpeg.TJFLAG_ACCURATEDCT;

    /** Without metadata, as the {@link Encoder} contract asks. */
    @Override
    public byte[] encode(BufferedImage image, EncodeOptions options) {
        return encode(image, options, SourceMetadata.NONE);
    }

    /**
     * Encodes {@code image} (alpha flattened onto white) and splices in {@code metadata} as given: which metadata an
     * output keeps, with the EXIF orientation reset and GPS removed, is the caller's decision (OutputMetadata). Metadata too
     * large for JPEG segments is dropped as {@link JpegSegments#splice} describes.
     *
     * @throws ProcessingFailedException ENCODE_FAILED when TurboJPEG fails
     * @throws IllegalStateException when libturbojpeg is not installed ({@link TurboJpeg#available()})
     */
    public byte[] encode(BufferedImage image, EncodeOptions options, SourceMetadata metadata) {
        int subsampling = options.quality() >= FULL_CHROMA_QUALITY ? TurboJpeg.TJSAMP_444 : TurboJpeg.TJSAMP_420;
        int flags = BASE_FLAGS | (options.progressive() ? TurboJpeg.TJFLAG_PROGRESSIVE : 0);
        byte[] jpeg = compress(image, options.quality(), subsampling, flags);
        return JpegSegments.splice(jpeg, metadata);
    }

    /** tjCompress2 on the image's pixels; TurboJPEG allocates the output, which is copied out and freed. */
    static byte[] compress(BufferedImage image, int quality, int subsampling, int flags) {
        int[] rgb = compactIntRgb(image);
        int w = image.getWidth();
        int h = image.getHeight();
        TurboJpeg.Functions tj = functions();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pixels = arena.allocate(JAVA_INT, rgb.length);
            MemorySegment.copy(rgb, 0, pixels, JAVA_INT, 0, rgb.length); // one bulk copy, native byte order
            MemorySegment out = arena.allocate(ADDRESS); // NULL: TurboJPEG allocates and grows the buffer itself
            MemorySegment outSize = arena.allocate(JAVA_LONG);
            MemorySegment handle = (MemorySegment) tj.initCompress().invokeExact();
            if (handle.equals(MemorySegment.NULL)) {
                throw new ProcessingFailedException(FailureReason.ENCODE_FAILED,
                        "tjInitCompress failed: " + TurboJpeg.errorMessage(handle));
            }
            try {
                int rc = (int) tj.compress2().invokeExact(handle, pixels, w, w * 4, h, TurboJpeg.PIXEL_FORMAT_INT_RGB,
                        out, outSize, subsampling, quality, flags);
                if (rc != 0) {
                    throw new ProcessingFailedException(FailureReason.ENCODE_FAILED,
                            "jpeg encoding failed: " + TurboJpeg.errorMessage(handle));
                }
                long size = outSize.get(JAVA_LONG, 0);
                if (size < 0 || size > Integer.MAX_VALUE - 8) {
                    throw new ProcessingFailedException(FailureReason.ENCODE_FAILED, "jpeg of " + size + " bytes");
                }
                return out.get(ADDRESS, 0).reinterpret(size).toArray(JAVA_BYTE);
            } finally {
                // freed on failure too: tjCompress2 may have allocated before it failed; tjFree(NULL) is a no-op
                MemorySegment buffer = out.get(ADDRESS, 0);
                tj.free().invokeExact(buffer);
                TurboJpeg.destroy(handle);
            }
        } catch (Throwable t) {
            throw TurboJpeg.rethrow(t);
        }
    }

    /**
     * The pixels as one int per pixel, row after row with no padding: a TYPE_INT_RGB image's own array when it is
     * laid out that way (not a sub-image), else a copy composited onto white, the paper colour for formats without
     * alpha (Images.flattenOnWhite, as for the ImageIO encoders).
     */
    static int[] compactIntRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getSampleModel() instanceof SinglePixelPackedSampleModel sm
                && sm.getScanlineStride() == image.getWidth()
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0
                && image.getRaster().getDataBuffer() instanceof DataBufferInt ints
                && ints.getNumBanks() == 1 && ints.getOffset() == 0
                && ints.getData().length == image.getWidth() * image.getHeight()) {
            return ints.getData();
        }
        // an RGB sub-image is copied compact; anything else is composited onto white
        BufferedImage flat = image.getType() == BufferedImage.TYPE_INT_RGB
                ? Images.convert(image, BufferedImage.TYPE_INT_RGB) : Images.flattenOnWhite(image);
        return ((DataBufferInt) flat.getRaster().getDataBuffer()).getData();
    }
}
