package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

import java.util.Optional;

/** Recognises an image format from its magic bytes only; names and declared content types are never trusted. */
public final class FormatSniffer {

    private FormatSniffer() {
    }

    public static Optional<ImageFormat> detect(byte[] b) {
        ByteReader r = new ByteReader(b, false);
        if (r.has(0, 3) && r.u8(0) == 0xFF && r.u8(1) == 0xD8 && r.u8(2) == 0xFF) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (r.has(0, 8) && r.u8(0) == 0x89 && r.matches(1, "PNG\r\n\u001a\n")) {
            return Optional.of(ImageFormat.PNG);
        }
        if (r.matches(0, "GIF87a") || r.matches(0, "GIF89a")) {
            return Optional.of(ImageFormat.GIF);
        }
        if (r.matches(0, "RIFF") && r.matches(8, "WEBP")) {
            return Optional.of(ImageFormat.WEBP);
        }
        if (r.matches(0, "BM") && r.has(0, 26)) {
            return Optional.of(ImageFormat.BMP);
        }
        if (r.matches(0, "II*\0") || r.matches(0, "MM\0*")) {
            return Optional.of(ImageFormat.TIFF);
        }
        return Optional.empty();
    }
}
