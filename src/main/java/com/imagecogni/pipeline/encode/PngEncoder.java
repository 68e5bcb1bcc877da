package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.image.BufferedImage;

/** Lossless PNG (quality does not apply); alpha is kept; kept metadata goes in iCCP, eXIf and XMP iTXt chunks. */
public final class PngEncoder implements Encoder {

    @Override
    public byte[] encode(BufferedImage image, EncodeOptions options, SourceMetadata metadata) {
        return PngMetadataChunks.insert(ImageIoWriting.write("png", image, writer -> writer.getDefaultWriteParam()), metadata);
    }
}
