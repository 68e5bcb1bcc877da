package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.codec.heif.HeifDecoder;
import com.imagecogni.pipeline.codec.heif.HeifProbe;
import com.imagecogni.pipeline.codec.jxl.JxlDecoder;
import com.imagecogni.pipeline.codec.jxl.JxlProbe;
import com.imagecogni.pipeline.model.ImageFormat;

/**
 * Reads an {@link ImageHeader} with the parser for the sniffed format, without decoding pixels, and holds it to the
 * limits. The parse is the authority on every size the decoder will allocate: what it cannot bound, it refuses.
 */
public final class HeaderReader {

    private HeaderReader() {
    }

    /** The header, refused when it is empty, inconsistent, or over the frame, pixel or JPEG scan limits. */
    public static ImageHeader read(ImageFormat format, byte[] bytes, DecodeLimits limits) {
        ImageHeader header = switch (format) {
            case JPEG -> JpegHeaderParser.parse(bytes, limits.maxScans());
            case PNG -> PngHeaderParser.parse(bytes, limits);
            case GIF -> GifHeaderParser.parse(bytes);
            case WEBP -> WebpHeaderParser.parse(bytes);
            case BMP -> BmpHeaderParser.parse(bytes);
            case TIFF -> TiffHeaderParser.parse(bytes);
            case HEIC, AVIF -> heifHeader(format, bytes, limits);
            case JXL -> jxlHeader(bytes, limits);
        };
        checkLimits(header, limits);
        return header;
    }

    /**
     * HEIF's item structure (grids, transforms, the primary item) is parsed by libheif itself, which the decode then
     * uses: its size after the container's rotation is the upright size.
     */
    private static ImageHeader heifHeader(ImageFormat format, byte[] bytes, DecodeLimits limits) {
        Codecs.missingDecoder(format).ifPresent(missing -> {
            throw new InputRejectedException(FailureReason.FORMAT_NOT_AVAILABLE, missing);
        });
        HeifItemReferences.check(bytes);
        HeifCanvases.check(bytes);
        HeifProbe probe = new HeifDecoder(limits).probe(bytes);
        return new ImageHeader(format, probe.width(), probe.height(), 1, 1);
    }

    /** JPEG XL's bit-packed header is parsed by libjxl, which the decode then uses; sizes are after orientation. */
    private static ImageHeader jxlHeader(byte[] bytes, DecodeLimits limits) {
        Codecs.missingDecoder(ImageFormat.JXL).ifPresent(missing -> {
            throw new InputRejectedException(FailureReason.FORMAT_NOT_AVAILABLE, missing);
        });
        JxlProbe probe = new JxlDecoder(limits).probe(bytes);
        return new ImageHeader(ImageFormat.JXL, probe.width(), probe.height(), 1, 1);
    }

    /**
     * Size, frame and pixel checks on a header; parsers that walk a long file call it as soon as they know the size,
     * so a file declaring a huge image is refused as too large whatever follows its header.
     */
    static void checkLimits(ImageHeader header, DecodeLimits limits) {
        if (header.width() < 1 || header.height() < 1) {
            throw new InputRejectedException(FailureReason.CORRUPT_IMAGE, "the " + header.format()
                    + " header declares an empty image (" + header.width() + "x" + header.height() + ")");
        }
        if (header.frames() > limits.maxFrames()) {
            throw new InputRejectedException(FailureReason.TOO_MANY_FRAMES, "the image has " + header.frames()
                    + " frames; the limit is " + limits.maxFrames());
        }
        if (header.totalPixels() > limits.maxPixels()) {
            throw new InputRejectedException(FailureReason.TOO_MANY_PIXELS, "the image is " + header.width() + "x"
                    + header.height() + (header.frames() > 1 ? " x " + header.frames() + " frames" : "")
                    + " = " + header.totalPixels() + " pixels; the limit is " + limits.maxPixels());
        }
    }

    static InputRejectedException corrupt(String message) {
        return new InputRejectedException(FailureReason.CORRUPT_IMAGE, message);
    }
}
