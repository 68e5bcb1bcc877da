package com.imagecogni.pipeline.encode;

import java.awt.image.BufferedImage;

/** Lossless PNG (quality does not apply); alpha is kept. */
public final class PngEncoder implements Encoder {

    @Override
    public byte[] encode(BufferedImage image, EncodeOptions options) {
        return ImageIoWriting.write("png", image, writer -> writer.getDefaultWriteParam());
    }
}
