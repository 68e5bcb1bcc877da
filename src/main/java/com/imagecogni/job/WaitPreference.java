package com.imagecogni.job;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code wait} preference of RFC 7240 {@code Prefer} headers ({@code Prefer: respond-async, wait=10}): how many
 * seconds the client would wait. A preference that is not understood is ignored, as the RFC asks.
 */
final class WaitPreference {

    /** Nine digits are more seconds than any maximum; more would overflow before the clipping. */
    private static final int MAX_DIGITS = 9;

    private WaitPreference() {
    }

    /** The first well-formed {@code wait=N} of the headers, or empty. */
    static Optional<Duration> of(List<String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (String header : headers) {
            for (String preference : header.split(",")) {
                String[] nameValue = preference.split(";", 2)[0].split("=", 2);
                if (nameValue.length == 2 && nameValue[0].trim().toLowerCase(Locale.ROOT).equals("wait")) {
                    String value = nameValue[1].trim().replace("\"", "");
                    if (!value.isEmpty() && value.length() <= MAX_DIGITS && value.chars().allMatch(Character::isDigit)) {
                        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
