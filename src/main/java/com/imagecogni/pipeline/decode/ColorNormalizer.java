package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.image.Images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;

/** Brings decoded pixels into sRGB (CMYK, Adobe RGB, Display P3 ... via their ICC profile) in the pipeline's int layout. */
final class ColorNormalizer {

    private ColorNormalizer() {
    }

    static BufferedImage toSrgb(BufferedImage img) {
        ColorSpace cs = img.getColorModel().getColorSpace();
        // Java's built-in gray space is linear; converting it through ICC would brighten gray images, while a plain
        // draw copies gray values as sRGB levels, which is what their files mean.
        if (cs.isCS_sRGB() || cs.getType() == ColorSpace.TYPE_GRAY) {
            return Images.normalise(img);
        }
        BufferedImage out = Images.blank(img.getWidth(), img.getHeight(), img.getColorModel().hasAlpha());
        new ColorConvertOp(null).filter(img, out);
        return out;
    }
}
