package com.imagecogni.pipeline.model;

import java.util.Locale;

/**
 * A pixel filter with an {@code amount} whose meaning and range depend on the kind (see {@link Kind#meaning()});
 * {@code color} is the border's colour and is only accepted for {@code border}.
 */
public record FilterSpec(Kind kind, double amount, String color) implements OperationSpec {

    /** The supported filters, each with the range and default of its amount and what the amount means. */
    public enum Kind {
        GRAYSCALE(0, 1, 1, "strength: 0 = unchanged, 1 = fully grey (luma weights)"),
        SEPIA(0, 1, 1, "strength: 0 = unchanged, 1 = full sepia tone"),
        BLUR(0.1, 100, 2, "Gaussian sigma in pixels"),
        SHARPEN(0, 10, 1, "strength of a small-radius (1 px) sharpening: 0 = unchanged"),
        UNSHARP(0.5, 50, 2, "unsharp-mask radius in pixels, at full strength"),
        BRIGHTNESS(-1, 1, 0.2, "-1 = black, 0 = unchanged, 1 = twice as bright"),
        CONTRAST(-1, 1, 0.2, "-1 = flat mid-grey, 0 = unchanged, 1 = twice the contrast"),
        SATURATION(-1, 1, 0.5, "-1 = grey, 0 = unchanged, 1 = twice the saturation"),
        GAMMA(0.1, 10, 1.2, "gamma: 1 = unchanged, above 1 brightens mid-tones, below 1 darkens them"),
        INVERT(0, 1, 1, "strength: 0 = unchanged, 1 = fully inverted colours (alpha kept)"),
        PIXELATE(2, 500, 10, "block size in pixels"),
        VIGNETTE(0, 1, 0.5, "how much the corners darken: 0 = unchanged, 1 = black corners"),
        BORDER(1, 1_000, 10, "border width in pixels, drawn inside the image in color (default black)"),
        ROUNDED_CORNERS(1, 10_000, 20, "corner radius in pixels; the corners become transparent (white in JPEG)");

        private final double min;
        private final double max;
        private final double defaultAmount;
        private final String meaning;

        Kind(double min, double max, double defaultAmount, String meaning) {
            this.min = min;
            this.max = max;
            this.defaultAmount = defaultAmount;
            this.meaning = meaning;
        }

        /** The configuration's name: lower case, words joined by {@code -} ({@code rounded-corners}). */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public double min() {
            return min;
        }

        public double max() {
            return max;
        }

        public double defaultAmount() {
            return defaultAmount;
        }

        /** What {@code amount} means for this filter, for error messages, the OpenAPI document and the editor. */
        public String meaning() {
            return meaning;
        }

        public static Kind parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public static final String DEFAULT_BORDER_COLOR = "#000000";

    public FilterSpec {
        if (kind == null) {
            throw new IllegalArgumentException("filter needs a kind");
        }
        if (!(amount >= kind.min && amount <= kind.max)) {
            throw new IllegalArgumentException(kind.jsonName() + " amount must be " + plain(kind.min) + ".."
                    + plain(kind.max) + " (" + kind.meaning + "), got " + plain(amount));
        }
        if (color != null && kind != Kind.BORDER) {
            throw new IllegalArgumentException("color is only for the border filter");
        }
        if (kind == Kind.BORDER) {
            color = color == null ? DEFAULT_BORDER_COLOR : color;
            Colors.parse(color);
        }
    }

    public FilterSpec(Kind kind, double amount) {
        this(kind, amount, null);
    }

    /** The filter with its default amount. */
    public static FilterSpec of(Kind kind) {
        return new FilterSpec(kind, kind.defaultAmount);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String type() {
        return "filter";
    }
}
