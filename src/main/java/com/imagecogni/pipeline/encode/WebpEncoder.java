package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.model.SizeSpec;
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
        // libwebp refuses larger sides and webp-imageio reports that only as a NullPointerException; a request-side
        // size check cannot catch it, because a resize to one edge can still make the other edge this long
        if (image.getWidth() > SizeSpec.MAX_EDGE || image.getHeight() > SizeSpec.MAX_EDGE) {
            throw new ProcessingFailedException(FailureReason.OUTPUT_TOO_LARGE, "a WebP image can be at most "
                    + SizeSpec.MAX_EDGE + " pixels per side; this output is " + image.getWidth() + "x" + image.getHeight());
        }
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
