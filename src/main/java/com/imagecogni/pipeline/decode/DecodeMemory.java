package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

import java.util.Optional;

/**
 * How many pixels the decoder will hold for a source, from the same header parsers the decode uses: what the worker
 * admits jobs by (the caller multiplies by its bytes per pixel). Never runs native code: HEIF sizes come from the
 * {@code ispe} boxes, and a JPEG XL (whose size only libjxl reads) is planned at the pixel limit.
 */
public final class DecodeMemory {

    private DecodeMemory() {
    }

    /**
     * Pixels held once {@code source} is decoded: all frames of an animated WebP or GIF (the decode keeps them when
     * an output can animate), the first page of a TIFF, else width x height; 0 for what the decoder will refuse before
     * allocating (unknown format, corrupt or over-limit header).
     */
    public static long pixels(byte[] source, DecodeLimits limits) {
        Optional<ImageFormat> format = FormatSniffer.detect(source);
        if (format.isEmpty()) {
            return 0;
        }
        try {
            long pixels = switch (format.get()) {
                case HEIC, AVIF -> HeifItemReferences.largestImagePixels(source);
                case JXL -> limits.maxPixels();
                default -> {
                    ImageHeader header = HeaderReader.read(format.get(), source, limits);
                    boolean allFrames = header.format() == ImageFormat.WEBP || header.format() == ImageFormat.GIF;
                    yield allFrames ? header.totalPixels() : (long) header.width() * header.height();
                }
            };
            return pixels > limits.maxPixels() ? 0 : pixels;
        } catch (RuntimeException e) {
            return 0; // the decoder refuses it with a reason, before any raster
        }
    }
}
