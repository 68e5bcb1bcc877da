package com.imagecogni.pipeline.codec;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceDecoder;

import java.awt.image.BufferedImage;

/** Inputs the codec bindings' tests share: the CC0 test photo at any size, and an image with an alpha ramp. */
public final class CodecTestImages {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static BufferedImage photo;

    private CodecTestImages() {
    }

    /** The CC0 test photo scaled to {@code width x height}: real texture, for quality figures. */
    public static synchronized BufferedImage photo(int width, int height) {
        if (photo == null) {
            photo = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(TestImages.photo()).image();
        }
        return RUNTIME.resampler().resize(photo, width, height);
    }

    /** An image with an alpha ramp (1..255 across, never 0) over a colour pattern. */
    public static BufferedImage translucent(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int alpha = 1 + x * 254 / Math.max(1, width - 1);
                image.setRGB(x, y, alpha << 24 | (x * 7 & 0xFF) << 16 | (y * 5 & 0xFF) << 8 | (x + y & 0xFF));
            }
        }
        return image;
    }
}
