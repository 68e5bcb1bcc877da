package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.codec.webp.Libwebp;
import com.imagecogni.pipeline.codec.webp.LibwebpAnimationEncoder;
import com.imagecogni.pipeline.codec.webp.WebpMetadata;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.model.ImageFormat;

/**
 * The formats that keep an animation (SPEC section 5): GIF through the JDK's writer ({@link AnimatedGifEncoder} says
 * why not Scrimage's StreamingGifWriter), WebP through the system libwebp's animation encoder. Other formats, and WebP
 * without libwebpmux, take the first frame.
 */
public final class AnimatedEncoders {

    private static final LibwebpAnimationEncoder WEBP = new LibwebpAnimationEncoder();
    private static final AnimatedGifEncoder GIF = new AnimatedGifEncoder();

    private AnimatedEncoders() {
    }

    public static boolean canAnimate(ImageFormat format) {
        return format == ImageFormat.GIF || (format == ImageFormat.WEBP && Codecs.libwebp() && Libwebp.animationAvailable());
    }

    public static byte[] encode(ImageFormat format, Animation animation, EncodeOptions options, SourceMetadata metadata) {
        return switch (format) {
            case GIF -> GIF.encode(animation);
            case WEBP -> WebpMetadata.write(WEBP.encode(animation, options), metadata);
            default -> throw new IllegalArgumentException(format + " does not keep animations");
        };
    }
}
