package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.OperationSpec;

import java.util.List;

/**
 * What the configuration needs from the decoder beyond sRGB pixels: the source's own ICC profile kept with its pixels
 * ({@code convert.colorProfile: keep}), and the source's metadata for outputs that keep it
 * ({@code compress.stripMetadata: false}).
 */
record DecodeIntent(boolean keepProfile, boolean keepMetadata) {

    static final DecodeIntent PIXELS_ONLY = new DecodeIntent(false, false);

    static DecodeIntent of(List<OperationSpec> operations) {
        boolean keepProfile = false;
        boolean keepMetadata = false;
        for (OperationSpec op : operations) {
            if (op instanceof ConvertSpec convert && convert.colorProfile() == ConvertSpec.ColorProfile.KEEP) {
                keepProfile = true;
            }
            if (op instanceof CompressSpec compress && !compress.stripMetadata()) {
                keepMetadata = true;
            }
        }
        return new DecodeIntent(keepProfile, keepMetadata);
    }
}
