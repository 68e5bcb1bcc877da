package com.imagecogni.pipeline;

/** A decoded source could not be processed by an operation or encoder (crop outside the image, output too large, ...). */
public class ProcessingFailedException extends PipelineException {

    private static final long serialVersionUID = 1L;

    public ProcessingFailedException(FailureReason reason, String message) {
        super(reason, message);
    }

    public ProcessingFailedException(FailureReason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
