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
     * all describe sRGB; converting through them would only cost time. A profile counts as sRGB when colours sampled
     * across the cube come out of a conversion to sRGB within one level, so a linear-light or wide-gamut profile that
     * merely mentions sRGB in its name is still converted. Results are cached by content, since every photo of a
     * camera carries the same profile.
     */
    private static boolean describesSrgb(ICC_Profile profile) {
        byte[] data = profile.getData();
        String key = java.util.HexFormat.of().formatHex(sha256(data));
        Boolean known = SRGB_LIKE.get(key);
        if (known != null) {
            return known;
        }
        boolean srgb = convertsToItself(profile);
        if (SRGB_LIKE.size() < MAX_CACHED) {
            SRGB_LIKE.put(key, srgb);
        }
        return srgb;
    }

    private static final int MAX_CACHED = 256;
    private static final java.util.Map<String, Boolean> SRGB_LIKE = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean convertsToItself(ICC_Profile profile) {
        int[] levels = {0, 32, 64, 128, 192, 255};
        BufferedImage samples = Images.blank(levels.length * levels.length * levels.length, 1, false);
        int i = 0;
        for (int r : levels) {
            for (int g : levels) {
                for (int b : levels) {
                    samples.setRGB(i++, 0, r << 16 | g << 8 | b);
                }
            }
        }
        BufferedImage converted = toSrgb(samples, profile);
        for (int x = 0; x < samples.getWidth(); x++) {
            int a = samples.getRGB(x, 0);
            int b = converted.getRGB(x, 0);
            for (int shift = 0; shift <= 16; shift += 8) {
                if (Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)) > 1) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
