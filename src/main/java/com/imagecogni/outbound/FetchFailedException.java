package com.imagecogni.outbound;

/**
 * A source URL that could not be fetched: a sentence for the customer (naming hosts, never the addresses they resolved
 * to) and the origin's HTTP status when its answer is why ({@code 404}; a redirect's {@code 302} when there were too
 * many of them or one was refused), else null.
 */
public class FetchFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Integer upstreamStatus;

    public FetchFailedException(String message, Integer upstreamStatus) {
        super(message, null, false, false);
        this.upstreamStatus = upstreamStatus;
    }

    public Integer upstreamStatus() {
        return upstreamStatus;
    }
}
