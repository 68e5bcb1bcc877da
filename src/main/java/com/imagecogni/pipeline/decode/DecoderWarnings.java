package com.imagecogni.pipeline.decode;

import java.util.regex.Pattern;

/**
 * Which decoder warnings mean pixel data is missing. Decoders only warn, and fill grey, for a cut-off file; other
 * warnings (extraneous bytes before a marker, as some cameras write) leave a complete image and are accepted, the same
 * by ImageIO and by libjpeg-turbo.
 */
public final class DecoderWarnings {

    private static final Pattern TRUNCATION =
            Pattern.compile("truncat|premature end|missing eoi|end of (file|data|stream)", Pattern.CASE_INSENSITIVE);

    private DecoderWarnings() {
    }

    public static boolean meansTruncated(String warning) {
        return warning != null && TRUNCATION.matcher(warning).find();
    }
}
