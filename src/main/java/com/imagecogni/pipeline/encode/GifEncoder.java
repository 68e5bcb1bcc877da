package com.imagecogni.pipeline.encode;

import java.awt.image.BufferedImage;

/** Single-frame GIF; the JDK writer builds a 256-colour palette (with one transparent entry when alpha is present). */
public final class GifEncoder implements Encoder {

    @Override
    public byte[] encode(BufferedImage image, EncodeOptions options) {
        return ImageIoWriting.write("gif", image, writer -> writer.getDefaultWriteParam());
    }
}
