package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.image.BufferedImage;

/** HEIC and AVIF files for tests outside this package, made with libheif's own encoders (x265, aom). */
public final class HeifFiles {

    private HeifFiles() {
    }

    /** An 8-bit HEIC whose container rotates it by the EXIF-numbered {@code orientation} (irot/imir boxes). */
    public static byte[] heic(BufferedImage image, int quality, int orientation) {
        return HeifTestImages.encode(image, HeifBinding.COMPRESSION_HEVC, quality, 8, orientation, SourceMetadata.NONE);
    }

    public static byte[] avif(BufferedImage image, int quality) {
        return HeifTestImages.encode(image, HeifBinding.COMPRESSION_AV1, quality, 8, 1, SourceMetadata.NONE);
    }
}
