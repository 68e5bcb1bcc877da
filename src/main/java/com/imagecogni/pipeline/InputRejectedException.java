package com.imagecogni.pipeline;

/** The source bytes were refused: empty, not a supported image, corrupt, or over a limit. */
public class InputRejectedException extends PipelineException {

    private static final long serialVersionUID = 1L;

    public InputRejectedException(FailureReason reason, String message) {
        super(reason, message);
    }

    public InputRejectedException(FailureReason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
