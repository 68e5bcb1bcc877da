package com.imagecogni.pipeline.codec.jxl;

/** libjxl refused a call or a codestream; the decoder and encoder turn it into the pipeline's exceptions. */
final class JxlFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JxlFailure(String message) {
        super(message, null, false, false); // no stack trace: it is always translated at once
    }
}
