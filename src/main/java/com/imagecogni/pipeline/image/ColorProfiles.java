package com.imagecogni.pipeline.image;

import java.awt.color.CMMException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.WritableRaster;

/** ICC profiles of pixel data held in the pipeline's int layout: recognise sRGB, convert other RGB profiles to it. */
public final class ColorProfiles {

    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private ColorProfiles() {
    }

    /** The sRGB profile's bytes, for an output whose pixels were converted to sRGB and keeps its metadata. */
    public static byte[] srgb() {
        return SRGB.clone();
    }

    /**
     * The profile, parsed, when its pixels need converting to become sRGB: empty for sRGB itself (and its many
     * re-issued copies, known by their description), for gray and non-RGB profiles, and for bytes that do not parse,
     * all of which the pipeline treats as sRGB values.
     */
    public static java.util.Optional<ICC_Profile> rgbNotSrgb(byte[] icc) {
        if (icc == null) {
            return java.util.Optional.empty();
        }
        try {
            ICC_Profile profile = ICC_Profile.getInstance(icc);
            if (profile.getColorSpaceType() != ColorSpace.TYPE_RGB || describesSrgb(profile)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(profile);
        } catch (IllegalArgumentException | CMMException malformed) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Camera and editor sRGB profiles ("sRGB IEC61966-2.1", "sRGB built-in", Google's "sRGB") differ byte for byte but
     * all describe sRGB; converting through them would only cost time. The description is ASCII in a v2 {@code desc}
     * tag and UTF-16BE in a v4 {@code mluc} tag.
     */
    private static boolean describesSrgb(ICC_Profile profile) {
        byte[] desc = profile.getData(ICC_Profile.icSigProfileDescriptionTag);
        if (desc == null) {
            return false;
        }
        return new String(desc, java.nio.charset.StandardCharsets.ISO_8859_1).contains("sRGB")
                || new String(desc, java.nio.charset.StandardCharsets.UTF_16BE).contains("sRGB");
    }

    /**
     * {@code image} (TYPE_INT_RGB/ARGB) whose values are in {@code profile}, converted to sRGB. The int raster is
     * reinterpreted under a colour model of that profile (no copy), then converted by the JDK's colour management.
     */
    public static BufferedImage toSrgb(BufferedImage image, ICC_Profile profile) {
        boolean alpha = image.getColorModel().hasAlpha();
        ColorSpace space = new ICC_ColorSpace(profile);
        ColorModel model = new DirectColorModel(space, alpha ? 32 : 24, 0xFF0000, 0xFF00, 0xFF, alpha ? 0xFF000000 : 0,
                false, java.awt.image.DataBuffer.TYPE_INT);
        WritableRaster raster = image.getRaster();
        BufferedImage tagged = new BufferedImage(model, raster, false, null);
        BufferedImage out = Images.blank(image.getWidth(), image.getHeight(), alpha);
        new ColorConvertOp(null).filter(tagged, out);
        return out;
    }
}
