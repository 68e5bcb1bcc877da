package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;

import java.awt.image.BufferedImage;

/**
 * AVIF through libheif and its aom AV1 encoder, set up like libvips' heifsave so sizes and times compare: effort 0..9
 * maps onto aom's speed 9..0 (libvips' default effort 4 = speed 5), 4:2:0 below quality 90 and 4:4:4 from it, and
 * lossless in 4:4:4 with the identity matrix so the RGB samples survive exactly.
 */
public final class AvifEncoder {

    /** libvips' heifsave default effort; aom's own default speed (6) would be faster and larger. */
    static final int DEFAULT_EFFORT = 4;
    /** aom 3's speed range as libheif 1.15 declares it (heif_encoder_list_parameters: "speed", 0..9). */
    static final int MAX_SPEED = 9;
    /** libvips' "auto" subsampling switches to 4:4:4 here. */
    private static final int FULL_CHROMA_QUALITY = 90;

    /** libheif is installed with an AV1 encoder. */
    public static boolean availableForEncode() {
        return Heif.encodesAv1();
    }

    /**
     * @param metadataToWrite EXIF (a TIFF structure), XMP and ICC to embed; {@link SourceMetadata#NONE} for none
     */
    public byte[] encode(BufferedImage image, EncodeOptions options, SourceMetadata metadataToWrite) {
        if (!availableForEncode()) {
            throw new ProcessingFailedException(FailureReason.ENCODE_FAILED, "AVIF encoding is not available: "
                    + (HeifBinding.available() ? "libheif has no AV1 encoder (aom)" : HeifBinding.unavailableReason()));
        }
        int effort = options.effortOn(0, EncodeOptions.MAX_EFFORT, DEFAULT_EFFORT);
        boolean fullChroma = options.lossless() || options.quality() >= FULL_CHROMA_QUALITY;
        HeifEncoding.Settings settings = new HeifEncoding.Settings(HeifBinding.COMPRESSION_AV1, options.quality(),
                options.lossless(), MAX_SPEED - effort, fullChroma ? "444" : "420", 8, 1);
        try {
            return HeifEncoding.encode(image, settings, metadataToWrite == null ? SourceMetadata.NONE : metadataToWrite);
        } catch (HeifFailure failure) {
            throw new ProcessingFailedException(FailureReason.ENCODE_FAILED,
                    "the AVIF image cannot be encoded: " + failure.getMessage());
        }
    }
}
