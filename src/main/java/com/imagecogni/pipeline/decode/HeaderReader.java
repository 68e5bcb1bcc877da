package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.model.ImageFormat;

/** Reads an {@link ImageHeader} with the parser for the sniffed format, without decoding pixels. */
public final class HeaderReader {

    private HeaderReader() {
    }

    /** Refuses a JPEG with more than {@code limits.maxScans()} scans; the other limits are the caller's to check. */
    public static ImageHeader read(ImageFormat format, byte[] bytes, DecodeLimits limits) {
        ImageHeader header = switch (format) {
            case JPEG -> JpegHeaderParser.parse(bytes, limits.maxScans());
            case PNG -> PngHeaderParser.parse(bytes);
            case GIF -> GifHeaderParser.parse(bytes);
            case WEBP -> WebpHeaderParser.parse(bytes);
            case BMP -> BmpHeaderParser.parse(bytes);
            case TIFF -> TiffHeaderParser.parse(bytes);
        };
        if (header.width() < 1 || header.height() < 1) {
            throw new InputRejectedException(FailureReason.CORRUPT_IMAGE,
                    "the " + format + " header declares an empty image (" + header.width() + "x" + header.height() + ")");
        }
        return header;
    }

    static InputRejectedException corrupt(String message) {
        return new InputRejectedException(FailureReason.CORRUPT_IMAGE, message);
    }
}
