package com.imagecogni.pipeline.model;

import java.util.Locale;

/** How a watermark's colours combine with the image under it (Scrimage's composites of the same names). */
public enum BlendMode {
    NORMAL, MULTIPLY, SCREEN, OVERLAY;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BlendMode parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
