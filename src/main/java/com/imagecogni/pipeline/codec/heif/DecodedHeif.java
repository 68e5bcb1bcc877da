package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.image.BufferedImage;

/**
 * A decoded HEIF primary image.
 *
 * @param image TYPE_INT_RGB, or TYPE_INT_ARGB (not premultiplied) when the file has alpha; already rotated/mirrored
 * @param metadata the EXIF, XMP and ICC payloads the file carries
 * @param probe the header the image was checked against
 */
public record DecodedHeif(BufferedImage image, SourceMetadata metadata, HeifProbe probe) {
}
