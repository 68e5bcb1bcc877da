package com.imagecogni.common;

/** Text stored in bounded columns (error messages, attempt details). */
public final class Texts {

    private Texts() {
    }

    /** {@code text} cut to at most {@code max} chars, never between the two halves of a surrogate pair; null stays null. */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
