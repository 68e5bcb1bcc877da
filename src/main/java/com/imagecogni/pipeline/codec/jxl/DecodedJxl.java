package com.imagecogni.pipeline.codec.jxl;

import java.awt.image.BufferedImage;

/**
 * A decoded JPEG XL image (the first frame of an animation).
 *
 * @param image TYPE_INT_RGB, or TYPE_INT_ARGB (not premultiplied) when the file has alpha; already upright
 * @param iccProfile the ICC profile of the pixels in {@code image} when they are not sRGB (a file stored losslessly
 *     with its own profile, or one whose colour space is not sRGB), for the caller to convert with; null when the
 *     pixels are sRGB, which is what every lossy (XYB) file decodes to here. A grayscale file's profile is a gray
 *     profile, while its pixels come out as R = G = B.
 * @param probe the header the image was checked against
 */
public record DecodedJxl(BufferedImage image, byte[] iccProfile, JxlProbe probe) {
}
