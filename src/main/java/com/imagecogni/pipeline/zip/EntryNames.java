package com.imagecogni.pipeline.zip;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Makes customer-supplied names safe as one ZIP path segment: no directories, no {@code ..}, no separators, no
 * control or invisible format characters (NUL, bidi overrides), no Windows-reserved names, bounded length.
 */
public final class EntryNames {

    /** Long enough for any real file name, short enough for every unzip tool and file system. */
    public static final int MAX_SEGMENT_CODE_POINTS = 100;

    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    private EntryNames() {
    }

    /** The stem of an uploaded file name: last path component without its extension; {@code source} if nothing is left. */
    public static String sourceStem(String originalName) {
        if (originalName == null) {
            return "source";
        }
        String name = originalName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return segment(name, "source");
    }

    /** One safe path segment, or {@code fallback} when nothing usable remains. */
    public static String segment(String raw, String fallback) {
        if (raw == null) {
            return fallback;
        }
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), 4 * MAX_SEGMENT_CODE_POINTS));
        raw.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || cp == '\u2028' || cp == '\u2029') {
                return; // invisible characters only hide what a name really is
            }
            sb.appendCodePoint("/\\:*?\"<>|".indexOf(cp) >= 0 ? '_' : cp);
        });
        String s = sb.toString();
        while (s.contains("..")) {
            s = s.replace("..", ".");
        }
        s = trim(s);
        if (s.codePointCount(0, s.length()) > MAX_SEGMENT_CODE_POINTS) {
            s = trim(s.substring(0, s.offsetByCodePoints(0, MAX_SEGMENT_CODE_POINTS)));
        }
        if (RESERVED.matcher(s).matches()) {
            s = "_" + s;
        }
        return s.isEmpty() ? fallback : s;
    }

    /** {@code name}, or {@code name-2}, {@code name-3}, ... whichever is not yet taken (case-insensitively). */
    public static String unique(String name, Collection<String> taken) {
        String candidate = name;
        int n = 2;
        while (containsFolded(taken, candidate)) {
            candidate = name + "-" + n++;
        }
        return candidate;
    }

    /** Case folding for collision checks: archives unpacked on macOS or Windows treat A.jpg and a.jpg as one file. */
    public static String foldCase(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static boolean containsFolded(Collection<String> taken, String candidate) {
        String folded = foldCase(candidate);
        for (String t : taken) {
            if (foldCase(t).equals(folded)) {
                return true;
            }
        }
        return false;
    }

    /** Leading dots would make hidden files; leading or trailing blanks and trailing dots confuse Windows. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || Character.isWhitespace(s.charAt(start)))) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(start, end);
    }
}
