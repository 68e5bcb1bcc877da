package com.imagecogni.pipeline.codec.jpeg;

import java.awt.image.BufferedImage;

/**
 * A JPEG decoded by TurboJPEG: TYPE_INT_RGB pixels at {@code scale} of the source's stored (not EXIF-rotated) size.
 *
 * @param image exactly {@code scale.scaled(sourceWidth) x scale.scaled(sourceHeight)}
 * @param sourceWidth the width in the JPEG frame header
 * @param sourceHeight the height in the JPEG frame header
 * @param scale the DCT scaling factor the pixels were decoded at
 */
public record ScaledJpeg(BufferedImage image, int sourceWidth, int sourceHeight, DctScale scale) {
}
