package com.imagecogni.pipeline;

/** Base of every typed pipeline failure: a stable {@link FailureReason} plus a message fit for a customer. */
public class PipelineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FailureReason reason;

    public PipelineException(FailureReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PipelineException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }

    /** The machine code, e.g. {@code too_many_pixels}. */
    public String code() {
        return reason.code();
    }
}
