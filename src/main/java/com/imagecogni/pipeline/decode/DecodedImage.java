package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.op.Rendition;

import java.awt.image.BufferedImage;

/**
 * An upright image (TYPE_INT_RGB or TYPE_INT_ARGB) with the format and header it came from.
 *
 * @param profile the ICC profile the pixel values are in when the source's profile was kept; null for sRGB
 * @param metadata the source's EXIF, XMP and ICC, for outputs that keep metadata
 * @param planningSize the upright full size when the decoder produced a smaller image (JPEG DCT scaling), else null
 * @param animation every frame of an animated source whose outputs may keep the animation ({@code image} is its
 *        first frame); null for a still image, or when only the first frame is used
 */
public record DecodedImage(BufferedImage image, ImageFormat sourceFormat, ImageHeader header, byte[] profile,
        SourceMetadata metadata, Rendition.PlanningSize planningSize, Animation animation) {

    /** sRGB pixels at full size, no metadata kept. */
    public DecodedImage(BufferedImage image, ImageFormat sourceFormat, ImageHeader header) {
        this(image, sourceFormat, header, null, SourceMetadata.NONE, null, null);
    }

    /** A still image. */
    public DecodedImage(BufferedImage image, ImageFormat sourceFormat, ImageHeader header, byte[] profile,
            SourceMetadata metadata, Rendition.PlanningSize planningSize) {
        this(image, sourceFormat, header, profile, metadata, planningSize, null);
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
