package com.imagecogni.pipeline.codec.heif;

/** A heif_error other than heif_error_Ok returned by libheif; callers turn it into the pipeline's exceptions. */
final class HeifFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final int subcode;

    HeifFailure(int code, int subcode, String message) {
        super(message, null, false, false); // no stack trace: it is always translated at once
        this.code = code;
        this.subcode = subcode;
    }

    int code() {
        return code;
    }

    int subcode() {
        return subcode;
    }
}
