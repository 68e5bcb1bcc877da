package com.imagecogni.pipeline.encode;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPWriteParam;

import javax.imageio.ImageWriteParam;
import java.awt.image.BufferedImage;

/**
 * Lossy WebP in-process through webp-imageio (JNI libwebp); the native library is extracted to the temp directory on
 * first use (see NOTES.md). Opaque images are encoded without an alpha plane.
 */
public final class WebpEncoder implements Encoder {

    @Override
    public byte[] encode(BufferedImage image, EncodeOptions options) {
        BufferedImage pixels = image.getType() == BufferedImage.TYPE_INT_ARGB ? image : ImageIoWriting.flattenOnWhite(image);
        return ImageIoWriting.write("webp", pixels, writer -> {
            WebPWriteParam param = (WebPWriteParam) writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(CompressionType.Lossy);
            param.setCompressionQuality(options.quality() / 100f);
            return param;
        });
    }
}
