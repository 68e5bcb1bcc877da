package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.image.BufferedImage;

/**
 * Encodes pipeline pixels into one output format with the metadata the output carries (already edited: see
 * {@code OutputMetadata}); output never reuses the source bytes.
 */
public interface Encoder {

    byte[] encode(BufferedImage image, EncodeOptions options, SourceMetadata metadata);

    /** Without metadata. */
    default byte[] encode(BufferedImage image, EncodeOptions options) {
        return encode(image, options, SourceMetadata.NONE);
    }
}
