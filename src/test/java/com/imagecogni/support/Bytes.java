package com.imagecogni.support;

/** Searching raw bodies (multipart postbacks) in tests. */
public final class Bytes {

    private Bytes() {
    }

    /** The first index at or after {@code from} where {@code pattern} starts in {@code data}, or -1. */
    public static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
