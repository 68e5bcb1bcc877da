package com.imagecogni.storage;

import java.util.regex.Pattern;

/** What a blob key may be: short, made of characters every object store takes as they are, and not a folder's name. */
final class BlobKeys {

    static final int MAX_LENGTH = 512;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9/._-]{1," + MAX_LENGTH + "}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9/._-]{0," + MAX_LENGTH + "}");

    private BlobKeys() {
    }

    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches() || isFolder(key)) {
            throw new IllegalArgumentException("not a blob key (1 to " + MAX_LENGTH + " of A-Z a-z 0-9 / . _ -, not ending"
                    + " in /): " + key);
        }
        return key;
    }

    /**
     * A key ending in {@code /} names a folder to object stores and their consoles (and a directory to S3Proxy's
     * filesystem backend, which lists its directories so): never a blob's key, and skipped in listings.
     */
    static boolean isFolder(String key) {
        return key.endsWith("/");
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
