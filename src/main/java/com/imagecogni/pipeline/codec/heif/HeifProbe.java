package com.imagecogni.pipeline.codec.heif;

/**
 * What a HEIF file's header says about its primary image, read without decoding pixels.
 *
 * @param width after the file's transformations (a 90° irot swaps the coded sides)
 * @param height after the file's transformations
 * @param hasAlpha the image has an alpha plane
 * @param bitDepth bits per luma sample (8, 10 or 12)
 * @param compression HEVC (HEIC) or AV1 (AVIF), from the file's brands
 */
public record HeifProbe(int width, int height, boolean hasAlpha, int bitDepth, HeifCompression compression) {

    public long pixels() {
        return (long) width * height;
    }
}
