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

    /**
     * Pixels held once a source is decoded, judged from its first bytes only (a large upload is not read whole to be
     * admitted): exact when {@code head} is the whole file or its header gives the size; the pixel limit, the most
     * the decoder will hold, when the size needs bytes past the head (all frames of a GIF or WebP, a header that
     * ends beyond it).
     */
    public static long pixelsOfHead(byte[] head, boolean whole, DecodeLimits limits) {
        if (whole) {
            return pixels(head, limits);
        }
        Optional<ImageFormat> format = FormatSniffer.detect(head);
        if (format.isEmpty()) {
            return 0;
        }
        if (format.get() == ImageFormat.GIF || format.get() == ImageFormat.WEBP) {
            return limits.maxPixels();
        }
        long pixels = pixels(head, limits);
        return pixels > 0 ? pixels : limits.maxPixels();
    }
}
