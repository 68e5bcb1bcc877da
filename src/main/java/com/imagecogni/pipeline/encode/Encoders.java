package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.model.ImageFormat;

/** The encoder for each writable format. */
public final class Encoders {

    private static final Encoder JPEG = new JpegEncoder();
    private static final Encoder PNG = new PngEncoder();
    private static final Encoder GIF = new GifEncoder();
    private static final Encoder WEBP = new WebpEncoder();

    private Encoders() {
    }

    public static Encoder forFormat(ImageFormat format) {
        return switch (format) {
            case JPEG -> JPEG;
            case PNG -> PNG;
            case GIF -> GIF;
            case WEBP -> WEBP;
            default -> throw new IllegalArgumentException(format + " is not an output format");
        };
    }
}
