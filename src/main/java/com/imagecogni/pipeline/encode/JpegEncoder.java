package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.codec.jpeg.JpegSegments;

import javax.imageio.ImageWriteParam;
import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.image.BufferedImage;

/**
 * Baseline or progressive JPEG through the JDK's ImageIO writer, the fallback when libjpeg-turbo is not installed;
 * kept metadata is spliced in as APP1/APP2 segments.
 */
public final class JpegEncoder implements Encoder {

    @Override
    public byte[] encode(BufferedImage image, EncodeOptions options, SourceMetadata metadata) {
        byte[] jpeg = ImageIoWriting.write("jpeg", Images.flattenOnWhite(image), writer -> {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(options.quality() / 100f);
            if (options.progressive()) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            return param;
        });
        return JpegSegments.splice(jpeg, metadata);
    }
}
