package com.imagecogni.pipeline.model;

import java.util.Locale;

/** How a resize maps the source onto a width x height box. */
public enum Fit {
    /** Fit inside the box, keep aspect ratio; the result may be smaller than the box on one axis. */
    CONTAIN,
    /** Fill the box, keep aspect ratio, crop the overflow around the centre. */
    COVER,
    /** Stretch to the box exactly, ignoring aspect ratio. */
    FILL,
    /** Contain, then pad to the exact box with the background colour. */
    PAD;

    public static Fit parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
