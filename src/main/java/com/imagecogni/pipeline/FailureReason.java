package com.imagecogni.pipeline;

/** Stable machine codes for every way a source can fail; they appear in the manifest and the job status. */
public enum FailureReason {
    EMPTY_INPUT("empty_input"),
    UNSUPPORTED_FORMAT("unsupported_format"),
    CORRUPT_IMAGE("corrupt_image"),
    TOO_MANY_PIXELS("too_many_pixels"),
    TOO_MANY_FRAMES("too_many_frames"),
    /** A JPEG with more scans than the limit: each scan re-processes the image, so many scans are a decode bomb. */
    TOO_MANY_SCANS("too_many_scans"),
    CROP_OUTSIDE_IMAGE("crop_outside_image"),
    OUTPUT_TOO_LARGE("output_too_large"),
    INVALID_WATERMARK("invalid_watermark"),
    ENCODE_FAILED("encode_failed"),
    /** The operations make more images from one source than {@code imagecogni.limits.max-outputs-per-source}. */
    TOO_MANY_OUTPUTS("too_many_outputs"),
    /** The job's time budget ran out while this source was waiting or being processed. */
    TIME_LIMIT_EXCEEDED("time_limit_exceeded"),
    /** An unexpected internal error while processing a decoded image. */
    PROCESSING_FAILED("processing_failed"),
    /**
     * The heap ran out while this source was decoded or processed. It fails this source only, and the job is not
     * retried for it: the same source would need the same memory again.
     */
    OUT_OF_MEMORY("out_of_memory"),
    /** The format is recognised, but the native library that reads or writes it is not installed on this server. */
    FORMAT_NOT_AVAILABLE("format_not_available"),
    /**
     * The process died inside a native codec while it was decoding this source (a fault there is not an exception).
     * The source is failed and refunded when its job is taken up again, so it cannot crash replica after replica.
     */
    CODEC_CRASH("codec_crash"),
    /**
     * A source named by URL could not be fetched (refused address, the origin's error status, too many redirects, too
     * large, too slow): it never reached the decoder. The origin's status, when it answered, is given beside the code.
     */
    SOURCE_FETCH_FAILED("source_fetch_failed");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
