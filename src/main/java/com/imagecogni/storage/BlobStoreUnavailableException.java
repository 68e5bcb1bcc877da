package com.imagecogni.storage;

/**
 * The blob store could not be reached or refused the service (connection refused or reset, timeouts, 5xx, throttling,
 * credentials or bucket it does not accept): the bytes are not lost and the same call is expected to work later, so a
 * caller answers 503 or tries the job again later instead of failing it.
 */
public class BlobStoreUnavailableException extends RuntimeException {

    public BlobStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure} or one of its causes says the blob store is away. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BlobStoreUnavailableException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
