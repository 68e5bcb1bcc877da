package com.imagecogni.common;

import java.util.ArrayList;

/**
 * The field errors of one request, keeping the first {@link #MAX} and counting the rest: a body of a million unknown
 * fields must not become a million-line answer (or an OutOfMemoryError while it is built).
 */
public final class FieldErrors extends ArrayList<Problem.FieldError> {

    private static final long serialVersionUID = 1L;

    /** Errors listed in one answer; enough to fix a form, far fewer than a hostile body can provoke. */
    public static final int MAX = 50;

    private long total;

    @Override
    public boolean add(Problem.FieldError error) {
        total++;
        return size() < MAX && super.add(error);
    }

    /** Every error found, including those not kept. */
    public long total() {
        return total;
    }

    /** "see errors", or how many of the errors found are listed. */
    public String summary() {
        return total > size() ? "the first " + size() + " of " + total + " are listed in errors" : "see errors";
    }
}
