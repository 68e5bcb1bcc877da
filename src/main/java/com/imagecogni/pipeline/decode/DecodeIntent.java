package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;

import java.util.List;

/**
 * What the configuration needs from the decoder beyond sRGB pixels: the source's own ICC profile kept with its pixels
 * ({@code convert.colorProfile: keep}), the source's metadata for outputs that keep it
 * ({@code compress.stripMetadata: false}), and every frame of an animation when an output may be animated.
 */
record DecodeIntent(boolean keepProfile, boolean keepMetadata, List<ImageFormat> outputFormats) {

    /**
     * Whether an output of a {@code source} image may be animated: its format is decided by the last convert step
     * (the source's own output format without one), and only GIF and WebP outputs keep an animation.
     */
    boolean keepsAnimation(ImageFormat source) {
        List<ImageFormat> formats = outputFormats.isEmpty() ? List.of(source.defaultOutput()) : outputFormats;
        return formats.contains(ImageFormat.GIF) || formats.contains(ImageFormat.WEBP);
    }

    static DecodeIntent of(List<OperationSpec> operations) {
        boolean keepProfile = false;
        boolean keepMetadata = false;
        List<ImageFormat> outputFormats = List.of();
        for (OperationSpec op : operations) {
            if (op instanceof ConvertSpec convert) {
                outputFormats = convert.formats();
            }
            if (op instanceof ConvertSpec convert && convert.colorProfile() == ConvertSpec.ColorProfile.KEEP) {
                keepProfile = true;
            }
            if (op instanceof CompressSpec compress && !compress.stripMetadata()) {
                keepMetadata = true;
            }
        }
        return new DecodeIntent(keepProfile, keepMetadata, outputFormats);
    }
}
