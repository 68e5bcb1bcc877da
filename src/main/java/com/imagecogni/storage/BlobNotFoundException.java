package com.imagecogni.storage;

/** No blob under the key asked for (never stored, deleted, or replaced while it was read). */
public class BlobNotFoundException extends RuntimeException {

    private final String key;

    public BlobNotFoundException(String key) {
        this(key, "no blob under key " + key);
    }

    public BlobNotFoundException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
