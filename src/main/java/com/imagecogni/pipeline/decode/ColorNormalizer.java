package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.image.ColorProfiles;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.Parallel;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.Raster;
import java.util.Optional;

/**
 * Brings decoded pixels into the pipeline's int layout: converted to sRGB (CMYK, Adobe RGB, Display P3 ... via their
 * ICC profile), or for {@code colorProfile: keep}, with their values as they are beside the RGB profile they are in.
 */
final class ColorNormalizer {

    private ColorNormalizer() {
    }

    /**
     * An ImageIO image converted to sRGB through its colour model's space; an sRGB or grey byte raster is only
     * repacked, in bands on {@code parallel}.
     */
    static BufferedImage toSrgb(BufferedImage img, Parallel parallel) {
        ColorSpace cs = img.getColorModel().getColorSpace();
        // Java's built-in gray space is linear; converting it through ICC would brighten gray images, while a plain
        // draw copies gray values as sRGB levels, which is what their files mean.
        if (cs.isCS_sRGB() || cs.getType() == ColorSpace.TYPE_GRAY) {
            return Images.normalise(img, parallel);
        }
        BufferedImage out = Images.blank(img.getWidth(), img.getHeight(), img.getColorModel().hasAlpha());
        new ColorConvertOp(null).filter(img, out);
        return out;
    }

    /** The profile of an ImageIO image in an RGB colour space other than sRGB (the one {@code keep} keeps). */
    static Optional<byte[]> keepableProfile(BufferedImage img) {
        if (img.getColorModel().getColorSpace() instanceof ICC_ColorSpace icc
                && icc.getType() == ColorSpace.TYPE_RGB && img.getRaster().getNumBands() >= 3
                && img.getSampleModel().getSampleSize(0) == 8) {
            byte[] data = icc.getProfile().getData();
            return ColorProfiles.rgbNotSrgb(data).map(p -> data);
        }
        return Optional.empty();
    }

    /** The raw R, G, B (and alpha) samples of an 8-bit RGB image, unconverted, in the int layout. */
    static BufferedImage rawSamples(BufferedImage img) {
        boolean alpha = img.getColorModel().hasAlpha();
        BufferedImage out = Images.blank(img.getWidth(), img.getHeight(), alpha);
        Raster raster = img.getRaster();
        int w = img.getWidth();
        int bands = raster.getNumBands();
        int[] row = new int[w * bands];
        int[] target = Images.pixels(out);
        for (int y = 0; y < img.getHeight(); y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                int a = alpha ? row[i + 3] : 0xFF;
                target[y * w + x] = a << 24 | row[i] << 16 | row[i + 1] << 8 | row[i + 2];
            }
        }
        return out;
    }

    /**
     * Pixels whose values are in {@code icc} (null: sRGB), as the pipeline wants them: converted to sRGB, or with
     * {@code keep}, left as they are beside the profile. Returns the image and the profile it is in (null = sRGB).
     */
    static Tagged fromProfile(BufferedImage raw, byte[] icc, boolean keep) {
        Optional<ICC_Profile> profile = ColorProfiles.rgbNotSrgb(icc);
        if (profile.isEmpty()) {
            return new Tagged(raw, null);
        }
        return keep ? new Tagged(raw, icc) : new Tagged(ColorProfiles.toSrgb(raw, profile.get()), null);
    }

    /** Pixels in the pipeline's int layout and the ICC profile their values are in (null for sRGB). */
    record Tagged(BufferedImage image, byte[] profile) {
    }
}
