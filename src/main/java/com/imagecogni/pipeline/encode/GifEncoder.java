package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.image.BufferedImage;

/**
 * Single-frame GIF; the JDK writer builds a 256-colour palette (with one transparent entry when alpha is present). GIF
 * has no place for EXIF or ICC that browsers read, so kept metadata is not written (the README says so).
 */
public final class GifEncoder implements Encoder {

    @Override
    public byte[] encode(BufferedImage image, EncodeOptions options, SourceMetadata metadata) {
        return ImageIoWriting.write("gif", image, writer -> writer.getDefaultWriteParam());
    }
}
