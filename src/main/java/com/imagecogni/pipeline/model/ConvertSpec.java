package com.imagecogni.pipeline.model;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Choose the output format(s); several formats fan out, one output per format. {@code colorProfile} says whether the
 * pixels are converted to sRGB (the default) or keep the source's ICC profile (Display P3 stays P3).
 */
public record ConvertSpec(List<ImageFormat> formats, ColorProfile colorProfile) implements OperationSpec {

    public static final int MAX_FORMATS = 4;

    /** What happens to a source's ICC profile: applied (pixels become sRGB, no profile), or kept with the pixels. */
    public enum ColorProfile {
        SRGB, KEEP;

        /** @throws IllegalArgumentException for any other name than {@code srgb} or {@code keep} */
        public static ColorProfile parse(String name) {
            return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
                case "srgb" -> SRGB;
                case "keep" -> KEEP;
                default -> throw new IllegalArgumentException("colorProfile must be srgb or keep");
            };
        }
    }

    public ConvertSpec {
        if (formats == null || formats.isEmpty() || formats.size() > MAX_FORMATS) {
            throw new IllegalArgumentException("convert needs 1.." + MAX_FORMATS + " formats");
        }
        for (ImageFormat f : formats) {
            if (f == null || !f.isWritable()) {
                throw new IllegalArgumentException("cannot write " + f + "; formats are jpeg, png, webp, gif, avif, jxl");
            }
        }
        if (new HashSet<>(formats).size() != formats.size()) {
            throw new IllegalArgumentException("convert formats must not repeat: " + formats);
        }
        formats = List.copyOf(formats);
        if (colorProfile == null) {
            colorProfile = ColorProfile.SRGB;
        }
    }

    /** Converts to sRGB, the default. */
    public ConvertSpec(List<ImageFormat> formats) {
        this(formats, ColorProfile.SRGB);
    }

    public static ConvertSpec of(ImageFormat... formats) {
        return new ConvertSpec(List.of(formats));
    }

    @Override
    public String type() {
        return "convert";
    }

    @Override
    public int outputsPerInput() {
        return formats.size();
    }
}
