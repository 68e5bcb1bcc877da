package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.image.ColorProfiles;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.ImageFormat;

import java.awt.color.ICC_Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sets the output format; several formats fan out into one rendition each (same pixels, same folder). With
 * {@code colorProfile: srgb}, pixels still in a kept source profile are converted to sRGB first; with {@code keep},
 * they stay in it (and a GIF, which carries no profile, gets sRGB pixels anyway: see {@code Pipeline}).
 */
public final class ConvertOperation implements Operation {

    private final ConvertSpec spec;

    public ConvertOperation(ConvertSpec spec) {
        this.spec = spec;
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        Rendition pixels = spec.colorProfile() == ConvertSpec.ColorProfile.SRGB ? inSrgb(input) : input;
        List<Rendition> out = new ArrayList<>(spec.formats().size());
        for (ImageFormat format : spec.formats()) {
            out.add(pixels.withFormat(format));
        }
        return out;
    }

    /** The rendition with sRGB pixels: itself when it already has them. */
    public static Rendition inSrgb(Rendition input) {
        Optional<ICC_Profile> profile = ColorProfiles.rgbNotSrgb(input.profile());
        if (profile.isEmpty()) {
            return input.profile() == null ? input : input.withPixels(input.awt(), null);
        }
        return input.withPixels(ColorProfiles.toSrgb(input.awt(), profile.get()), null);
    }
}
