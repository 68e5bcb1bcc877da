package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecoderWarnings;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.imagecogni.pipeline.codec.jpeg.TurboJpeg.functions;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Decodes a JPEG through TurboJPEG straight into a TYPE_INT_RGB image, at the smallest DCT scale (1/1, 1/2, 1/4, 1/8)
 * that still covers the size the caller needs. Each call uses its own TurboJPEG instance: instances are not
 * thread-safe, and creating one costs microseconds (see TurboJpegMeasurements), far less than any decode.
 */
public final class TurboJpegDecoder {

    /**
     * The accurate integer IDCT and smooth ("fancy") chroma upsampling, both libjpeg-turbo's decode defaults, are kept
     * for quality (FASTDCT loses 1.6 dB, FASTUPSAMPLE 0.6 dB against the source pixels; TurboJpegMeasurements).
     * Warnings do not stop the decode: a cut-off file (grey-filled) is refused by its warning's text afterwards, while
     * other warnings, such as the extraneous bytes some cameras write, leave a whole image that ImageIO accepts too
     * ({@link DecoderWarnings}). LIMITSCANS is a backstop (500 scans) behind the header parser's lower
     * {@link DecodeLimits#maxScans()}.
     */
    static final int FLAGS = TurboJpeg.TJFLAG_LIMITSCANS;

    /** tjDecompressHeader3 fails on chroma sampling it has no TJSAMP for, though the data itself decodes fine. */
    private static final String UNKNOWN_SUBSAMPLING = "Could not determine subsampling type";

    private TurboJpegDecoder() {
    }

    /**
     * Decodes {@code jpeg} at the smallest DCT scale whose size is at least {@code minWidth x minHeight} (0 asks for
     * the smallest, {@link Integer#MAX_VALUE} for full size). The minimum is in the stored orientation: the caller
     * swaps it for EXIF orientations 5 to 8.
     *
     * @return empty for a CMYK or YCCK JPEG (and for chroma sampling TurboJPEG cannot name), which the ImageIO path
     *         decodes with its ICC colour conversion
     * @throws InputRejectedException TOO_MANY_PIXELS when the header's size is over {@code limits}, before any pixel
     *         is decoded; CORRUPT_IMAGE when the data is damaged or truncated
     * @throws IllegalStateException when libturbojpeg is not installed ({@link TurboJpeg#available()})
     */
    public static Optional<ScaledJpeg> decode(byte[] jpeg, int minWidth, int minHeight, DecodeLimits limits) {
        return decode(jpeg, minWidth, minHeight, limits, FLAGS);
    }

    /** As {@link #decode(byte[], int, int, DecodeLimits)} with other tjDecompress2 flags, for measurements. */
    static Optional<ScaledJpeg> decode(byte[] jpeg, int minWidth, int minHeight, DecodeLimits limits, int flags) {
        TurboJpeg.Functions tj = functions();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocateFrom(JAVA_BYTE, jpeg);
            MemorySegment header = arena.allocate(JAVA_INT, 4); // width, height, subsampling, colorspace
            MemorySegment handle = (MemorySegment) tj.initDecompress().invokeExact();
            if (handle.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("tjInitDecompress failed: " + TurboJpeg.errorMessage(handle));
            }
            try {
                int rc = (int) tj.decompressHeader3().invokeExact(handle, source, (long) jpeg.length,
                        header.asSlice(0), header.asSlice(4), header.asSlice(8), header.asSlice(12));
                if (rc != 0) {
                    String message = TurboJpeg.errorMessage(handle);
                    if (message.contains(UNKNOWN_SUBSAMPLING)) {
                        return Optional.empty();
                    }
                    throw refused(handle, message);
                }
                int width = header.getAtIndex(JAVA_INT, 0);
                int height = header.getAtIndex(JAVA_INT, 1);
                int colorspace = header.getAtIndex(JAVA_INT, 3);
                if (width < 1 || height < 1) {
                    // a header cut off before its frame can come back without an error, and without a size
                    throw new InputRejectedException(FailureReason.CORRUPT_IMAGE,
                            "the jpeg data cannot be decoded: no frame size (" + width + "x" + height + ")");
                }
                if ((long) width * height > limits.maxPixels()) {
                    throw new InputRejectedException(FailureReason.TOO_MANY_PIXELS, "the image has " + width + "x"
                            + height + " pixels, more than the limit of " + limits.maxPixels());
                }
                if (colorspace == TurboJpeg.TJCS_CMYK || colorspace == TurboJpeg.TJCS_YCCK) {
                    return Optional.empty();
                }
                DctScale scale = DctScale.choose(width, height, minWidth, minHeight, ScalingFactors.OFFERED);
                return Optional.of(decodeScaled(tj, handle, arena, source, jpeg.length, width, height, scale, flags));
            } finally {
                TurboJpeg.destroy(handle);
            }
        } catch (Throwable t) {
            throw TurboJpeg.rethrow(t);
        }
    }

    private static ScaledJpeg decodeScaled(TurboJpeg.Functions tj, MemorySegment handle, Arena arena,
            MemorySegment source, long length, int width, int height, DctScale scale, int flags) throws Throwable {
        int w = scale.scaled(width);
        int h = scale.scaled(height);
        // tjDecompress2 reports no output size: it writes the size of the first factor of its own list that fits in
        // w x h, so the pixels are copied only when that is exactly w x h
        DctScale picked = DctScale.pickedByLibrary(width, height, w, h, ScalingFactors.ALL);
        if (picked == null || picked.scaled(width) != w || picked.scaled(height) != h) {
            throw new IllegalStateException("TurboJPEG would decode " + width + "x" + height + " at " + picked
                    + ", not at " + scale + " (" + w + "x" + h + ")");
        }
        if ((long) w * h > Integer.MAX_VALUE - 8) {
            throw new InputRejectedException(FailureReason.TOO_MANY_PIXELS,
                    "the image has " + width + "x" + height + " pixels, more than one Java image can hold");
        }
        MemorySegment pixels = arena.allocate(JAVA_INT, (long) w * h);
        int rc = (int) tj.decompress2().invokeExact(handle, source, length, pixels, w, w * 4, h,
                TurboJpeg.PIXEL_FORMAT_INT_RGB, flags);
        if (rc != 0) {
            String message = TurboJpeg.errorMessage(handle);
            if (!TurboJpeg.lastErrorWasWarning(handle) || DecoderWarnings.meansTruncated(message)) {
                throw refused(handle, message);
            }
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        // one bulk copy: JAVA_INT has native byte order, so MemorySegment.copy is a plain memory copy, no swapping
        MemorySegment.copy(pixels, JAVA_INT, 0, target, 0, target.length);
        return new ScaledJpeg(image, width, height, scale);
    }

    /** libjpeg-turbo 2.1 reports a truncated file as a warning ("Premature end of JPEG file"), anything worse as an error. */
    private static InputRejectedException refused(MemorySegment handle, String message) {
        String what = TurboJpeg.lastErrorWasWarning(handle) ? "the JPEG data is incomplete: "
                : "the jpeg data cannot be decoded: ";
        return new InputRejectedException(FailureReason.CORRUPT_IMAGE, what + message);
    }

    /** tjGetScalingFactors' list (largest first), read once. */
    static final class ScalingFactors {

        static final List<DctScale> ALL = read();
        /** The only ones chosen; see {@link DctScale}. */
        static final List<DctScale> OFFERED = ALL.stream().filter(DctScale.CANDIDATES::contains).toList();

        private ScalingFactors() {
        }

        private static List<DctScale> read() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment count = arena.allocate(JAVA_INT);
                MemorySegment list = (MemorySegment) functions().getScalingFactors().invokeExact(count);
                int n = count.get(JAVA_INT, 0);
                if (list.equals(MemorySegment.NULL) || n < 1 || n > 64) {
                    throw new IllegalStateException("tjGetScalingFactors returned no list");
                }
                MemorySegment pairs = list.reinterpret(8L * n); // tjscalingfactor is {int num; int denom;}
                List<DctScale> factors = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    factors.add(new DctScale(pairs.getAtIndex(JAVA_INT, 2L * i), pairs.getAtIndex(JAVA_INT, 2L * i + 1)));
                }
                return List.copyOf(factors);
            } catch (Throwable t) {
                throw TurboJpeg.rethrow(t);
            }
        }
    }
}
