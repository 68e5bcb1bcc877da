package com.imagecogni.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a configuration's postbacks are sent ({@code configuration_version.postback_format}): the guide's multipart form
 * carrying the ZIP, or a Standard Webhooks JSON event whose {@code result.url} is a signed link to it.
 */
public enum PostbackFormat {
    MULTIPART, JSON;

    /** The value in the configuration body, the API document and the database column. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PostbackFormat fromSql(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The format a configuration body names, if it names one of ours. */
    public static Optional<PostbackFormat> named(String value) {
        return Arrays.stream(values()).filter(format -> format.sql().equals(value)).findFirst();
    }

    /** Every value, as the body spells it. */
    public static List<String> names() {
        return Arrays.stream(values()).map(PostbackFormat::sql).toList();
    }
}
