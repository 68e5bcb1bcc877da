package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.codec.heif.AvifEncoder;
import com.imagecogni.pipeline.codec.jpeg.TurboJpegEncoder;
import com.imagecogni.pipeline.codec.jxl.JxlEncoder;
import com.imagecogni.pipeline.codec.webp.LibwebpEncoder;
import com.imagecogni.pipeline.codec.webp.WebpMetadata;
import com.imagecogni.pipeline.model.ImageFormat;

/** The encoder for each writable format: the native library's when it is installed, else the embedded one. */
public final class Encoders {

    private static final Encoder TURBO_JPEG = new TurboJpegEncoder();
    private static final Encoder IMAGEIO_JPEG = new JpegEncoder();
    private static final Encoder PNG = new PngEncoder();
    private static final Encoder GIF = new GifEncoder();
    private static final Encoder LIBWEBP = (image, options, metadata) ->
            WebpMetadata.write(new LibwebpEncoder().encode(image, options), metadata);
    private static final Encoder WEBP_IMAGEIO = new WebpEncoder();
    private static final Encoder AVIF = new AvifEncoder()::encode;
    /** libjxl 0.7's encoder is given sRGB pixels and no metadata (see ImageFormat#carriesIccProfile, the README). */
    private static final Encoder JXL = (image, options, metadata) -> new JxlEncoder().encode(image, options);

    private Encoders() {
    }

    public static Encoder forFormat(ImageFormat format) {
        Encoder encoder = switch (format) {
            case JPEG -> Codecs.turboJpeg() ? TURBO_JPEG : IMAGEIO_JPEG;
            case PNG -> PNG;
            case GIF -> GIF;
            case WEBP -> Codecs.libwebp() ? LIBWEBP : WEBP_IMAGEIO;
            case AVIF -> Codecs.missingEncoder(ImageFormat.AVIF).isEmpty() ? AVIF : null;
            case JXL -> Codecs.missingEncoder(ImageFormat.JXL).isEmpty() ? JXL : null;
            default -> throw new IllegalArgumentException(format + " is not an output format");
        };
        if (encoder == null) {
            // a configuration saved on a replica that had the codec, run on one that has not
            throw new ProcessingFailedException(FailureReason.FORMAT_NOT_AVAILABLE,
                    Codecs.missingEncoder(format).orElse(format + " cannot be written here"));
        }
        return encoder;
    }
}
