package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.codec.heif.AvifEncoder;
import com.imagecogni.pipeline.codec.jpeg.TurboJpegEncoder;
import com.imagecogni.pipeline.codec.webp.LibwebpEncoder;
import com.imagecogni.pipeline.model.ImageFormat;

/** The encoder for each writable format: the native library's when it is installed, else the embedded one. */
public final class Encoders {

    private static final Encoder JPEG = Codecs.turboJpeg() ? new TurboJpegEncoder() : new JpegEncoder();
    private static final Encoder PNG = new PngEncoder();
    private static final Encoder GIF = new GifEncoder();
    private static final Encoder WEBP = Codecs.libwebp() ? new LibwebpEncoder() : new WebpEncoder();
    private static final Encoder AVIF = Codecs.missingEncoder(ImageFormat.AVIF).isEmpty() ? new AvifEncoder() : null;

    private Encoders() {
    }

    public static Encoder forFormat(ImageFormat format) {
        Encoder encoder = switch (format) {
            case JPEG -> JPEG;
            case PNG -> PNG;
            case GIF -> GIF;
            case WEBP -> WEBP;
            case AVIF -> AVIF;
            case JXL -> null;
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
