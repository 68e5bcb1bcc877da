package com.imagecogni.pipeline.encode;

import javax.imageio.ImageWriteParam;
import java.awt.image.BufferedImage;

/** Baseline or progressive JPEG at the requested quality; only a JFIF header is written, never EXIF/XMP/GPS. */
public final class JpegEncoder implements Encoder {

    @Override
    public byte[] encode(BufferedImage image, EncodeOptions options) {
        return ImageIoWriting.write("jpeg", ImageIoWriting.flattenOnWhite(image), writer -> {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(options.quality() / 100f);
            if (options.progressive()) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            return param;
        });
    }
}
