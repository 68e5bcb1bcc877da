package com.imagecogni.pipeline.metadata;

import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.image.ColorProfiles;

/**
 * What metadata one output carries. Its pixels' own profile always goes with them (dropping a kept Display P3
 * profile would change the colours); the rest only with {@code stripMetadata: false}: EXIF with the orientation reset
 * and GPS removed unless {@code keepGps}, XMP edited the same way, and the sRGB profile for pixels converted from the
 * source's profile.
 */
public final class OutputMetadata {

    private OutputMetadata() {
    }

    /** @param pixelProfile the profile the output's pixels are in; null when they are sRGB */
    public static SourceMetadata of(SourceMetadata source, byte[] pixelProfile, EncodeOptions options) {
        if (options.stripMetadata()) {
            return pixelProfile == null ? SourceMetadata.NONE : new SourceMetadata(null, null, pixelProfile);
        }
        byte[] icc = pixelProfile != null ? pixelProfile : source.icc() != null ? ColorProfiles.srgb() : null;
        byte[] exif = source.exif() == null ? null : ExifEditor.forOutput(source.exif(), options.keepGps()).orElse(null);
        byte[] xmp = source.xmp() == null ? null : XmpEditor.forOutput(source.xmp(), options.keepGps());
        return new SourceMetadata(exif, xmp, icc);
    }
}
