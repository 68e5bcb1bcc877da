package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

import java.util.Optional;

/** Recognises an image format from its magic bytes only; names and declared content types are never trusted. */
public final class FormatSniffer {

    /** How far into an ISO BMFF {@code ftyp} box the compatible brands are read. */
    private static final int MAX_FTYP = 256;

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
        if (r.matches(4, "ftyp")) {
            return isoMediaFormat(r);
        }
        // a bare JPEG XL codestream, or the JPEG XL container's signature box
        if ((r.has(0, 2) && r.u8(0) == 0xFF && r.u8(1) == 0x0A)
                || (r.has(0, 12) && r.u32(0) == 12 && r.matches(4, "JXL \r\n") && r.u8(10) == 0x87 && r.u8(11) == 0x0A)) {
            return Optional.of(ImageFormat.JXL);
        }
        return Optional.empty();
    }

    /**
     * HEIF family by the {@code ftyp} brands: {@code avif}/{@code avis} is AVIF; {@code heic}, {@code heix} and the
     * other HEVC brands, or the generic {@code mif1}/{@code msf1} without an AV1 brand, are HEIC (libheif reads both).
     */
    private static Optional<ImageFormat> isoMediaFormat(ByteReader r) {
        if (!r.has(0, 12)) {
            return Optional.empty();
        }
        long size = Math.min(r.u32(0), MAX_FTYP);
        boolean heif = false;
        for (long at = 8; at + 4 <= size && r.has(at, 4); at += at == 8 ? 8 : 4) { // major brand, minor version, brands
            String brand = r.ascii(at, 4);
            switch (brand) {
                case "avif", "avis" -> {
                    return Optional.of(ImageFormat.AVIF);
                }
                case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1" -> heif = true;
                default -> {
                }
            }
        }
        return heif ? Optional.of(ImageFormat.HEIC) : Optional.empty();
    }
}
