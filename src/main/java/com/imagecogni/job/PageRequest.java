package com.imagecogni.job;

import com.imagecogni.common.ApiException;

/** A validated page of a listing: page 0 to {@value #MAX_PAGE}, size 1 to {@value #MAX_SIZE}. */
record PageRequest(int page, int size) {

    static final int MAX_SIZE = 100;

    /** Deep OFFSETs make PostgreSQL read and drop every row before them; this keeps the OFFSET at a million rows. */
    static final int MAX_PAGE = 10_000;

    /**
     * Parses the query parameters as text, so that {@code abc}, {@code 1.5} and numbers beyond int
     * are the same 400 as out-of-range ones (a typed parameter would make them a 404).
     */
    static PageRequest parse(String page, String size) {
        int p = parse(page, 0);
        int s = parse(size, 20);
        if (p < 0 || p > MAX_PAGE || s < 1 || s > MAX_SIZE) {
            throw invalid();
        }
        return new PageRequest(p, s);
    }

    /** Index of the first row; exact, and at most MAX_PAGE × MAX_SIZE, so it fits an int. */
    int offset() {
        return Math.multiplyExact(page, size);
    }

    private static int parse(String text, int absent) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid_page",
                "page must be a whole number from 0 to " + MAX_PAGE + " and size from 1 to " + MAX_SIZE + ".");
    }
}
