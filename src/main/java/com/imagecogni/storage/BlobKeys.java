package com.imagecogni.storage;

import java.util.regex.Pattern;

/** What a blob key may be: short, and made of characters every object store takes as they are. */
final class BlobKeys {

    static final int MAX_LENGTH = 512;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9/._-]{1," + MAX_LENGTH + "}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9/._-]{0," + MAX_LENGTH + "}");

    private BlobKeys() {
    }

    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a blob key (1 to " + MAX_LENGTH + " of A-Z a-z 0-9 / . _ -): " + key);
        }
        return key;
    }

    static String requirePrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("not a blob key prefix: " + prefix);
        }
        return prefix;
    }

    /**
     * The smallest string above every key that starts with {@code prefix}: keys are ASCII up to {@code z} and compared
     * byte by byte, so {@code prefix <= key < upperBound(prefix)} is "starts with", and an index range.
     */
    static String upperBound(String prefix) {
        return requirePrefix(prefix) + "~";
    }
}
