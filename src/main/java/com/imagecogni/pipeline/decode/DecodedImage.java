package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

import java.awt.image.BufferedImage;

/** An upright sRGB image (TYPE_INT_RGB or TYPE_INT_ARGB) with the format and header it came from. */
public record DecodedImage(BufferedImage image, ImageFormat sourceFormat, ImageHeader header) {

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
