package com.imagecogni.pipeline.model;

import java.util.Locale;
import java.util.Optional;

/** The image formats the pipeline recognises as inputs, and which of them it can write as outputs. */
public enum ImageFormat {
    JPEG("jpg", "image/jpeg", true),
    PNG("png", "image/png", true),
    GIF("gif", "image/gif", true),
    WEBP("webp", "image/webp", true),
    BMP("bmp", "image/bmp", false),
    TIFF("tiff", "image/tiff", false),
    /** HEIC/HEIF (HEVC-coded ISO BMFF), the iPhone camera format: read through libheif, never written. */
    HEIC("heic", "image/heic", false),
    /** AV1-coded ISO BMFF, read and written through libheif. */
    AVIF("avif", "image/avif", true),
    /** JPEG XL, read and written through libjxl where it is installed. */
    JXL("jxl", "image/jxl", true);

    private final String extension;
    private final String mediaType;
    private final boolean writable;

    ImageFormat(String extension, String mediaType, boolean writable) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.writable = writable;
    }

    /** File extension used in result entry names (jpeg is written as {@code jpg}). */
    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean isWritable() {
        return writable;
    }

    /**
     * Whether our output in this format embeds an ICC profile: GIF cannot in any way browsers read, and our JPEG XL
     * encoder writes sRGB only; pixels in another profile are converted to sRGB for them.
     */
    public boolean carriesIccProfile() {
        return this != GIF && this != JXL;
    }

    /**
     * The format an output takes when no convert step chose one: the source's own format if writable; a HEIC photo
     * becomes a JPEG (what every browser shows, and what a camera photo is elsewhere); BMP and TIFF become PNG
     * (lossless, keeps alpha).
     */
    public ImageFormat defaultOutput() {
        if (this == HEIC) {
            return JPEG;
        }
        return writable ? this : PNG;
    }

    /** Parses a configuration name such as {@code jpeg}, {@code jpg}, {@code webp}; only writable formats are accepted. */
    public static Optional<ImageFormat> parseOutput(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        ImageFormat f = switch (n) {
            case "jpeg", "jpg" -> JPEG;
            case "png" -> PNG;
            case "gif" -> GIF;
            case "webp" -> WEBP;
            case "avif" -> AVIF;
            case "jxl" -> JXL;
            default -> null;
        };
        return Optional.ofNullable(f);
    }
}
