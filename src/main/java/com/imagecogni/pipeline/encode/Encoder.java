package com.imagecogni.pipeline.encode;

import java.awt.image.BufferedImage;

/** Encodes pipeline pixels into one output format; output never reuses the source bytes or metadata. */
public interface Encoder {

    byte[] encode(BufferedImage image, EncodeOptions options);
}
