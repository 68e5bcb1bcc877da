package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.codec.webp.WebpMetadata;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.model.SizeSpec;
import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPWriteParam;

import javax.imageio.ImageWriteParam;
import java.awt.image.BufferedImage;

/**
 * WebP through webp-imageio (JNI, with its own bundled libwebp, extracted to the temp directory on first use): the
 * fallback when the system libwebp is not installed. Lossy or lossless, effort as libwebp's method 0..6; opaque
 * images are encoded without an alpha plane; kept metadata goes into a VP8X container.
 */
public final class WebpEncoder implements Encoder {

    /** cwebp's and libvips' default method. */
    static final int DEFAULT_METHOD = 4;

    @Override
    public byte[] encode(BufferedImage image, EncodeOptions options, SourceMetadata metadata) {
        // libwebp refuses larger sides and webp-imageio reports that only as a NullPointerException; a request-side
        // size check cannot catch it, because a resize to one edge can still make the other edge this long
        if (image.getWidth() > SizeSpec.MAX_EDGE || image.getHeight() > SizeSpec.MAX_EDGE) {
            throw new ProcessingFailedException(FailureReason.OUTPUT_TOO_LARGE, "a WebP image can be at most "
                    + SizeSpec.MAX_EDGE + " pixels per side; this output is " + image.getWidth() + "x" + image.getHeight());
        }
        BufferedImage pixels = image.getType() == BufferedImage.TYPE_INT_ARGB ? image : Images.flattenOnWhite(image);
        byte[] webp = ImageIoWriting.write("webp", pixels, writer -> {
            WebPWriteParam param = (WebPWriteParam) writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(options.lossless() ? CompressionType.Lossless : CompressionType.Lossy);
            param.setCompressionQuality(options.quality() / 100f);
            param.setMethod(options.effortOn(0, 6, DEFAULT_METHOD));
            return param;
        });
        return WebpMetadata.write(webp, metadata);
    }
}
