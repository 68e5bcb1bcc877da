package com.imagecogni.pipeline;

/** A configuration or a running pipeline would make more images from one source than the operator's cap allows. */
public class TooManyOutputsException extends ProcessingFailedException {

    private static final long serialVersionUID = 1L;

    private final int maxOutputs;

    public TooManyOutputsException(int maxOutputs) {
        super(FailureReason.TOO_MANY_OUTPUTS, "the operations make more than " + maxOutputs
                + " images from one source; the limit is " + maxOutputs);
        this.maxOutputs = maxOutputs;
    }

    public int maxOutputs() {
        return maxOutputs;
    }
}
