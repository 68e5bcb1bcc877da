package com.imagecogni.pipeline.model;

import java.util.Locale;

/**
 * A pixel filter with an {@code amount} whose meaning depends on the kind:
 * grayscale and sepia 0..1 (strength, 1 = full); blur 0.1..100 (Gaussian sigma in pixels);
 * sharpen 0..10 (unsharp-mask strength); brightness and contrast -1..1 (0 = unchanged).
 */
public record FilterSpec(Kind kind, double amount) implements OperationSpec {

    /** The supported filters. */
    public enum Kind {
        GRAYSCALE(0, 1, 1), SEPIA(0, 1, 1), BLUR(0.1, 100, 2), SHARPEN(0, 10, 1), BRIGHTNESS(-1, 1, 0.2), CONTRAST(-1, 1, 0.2);

        private final double min;
        private final double max;
        private final double defaultAmount;

        Kind(double min, double max, double defaultAmount) {
            this.min = min;
            this.max = max;
            this.defaultAmount = defaultAmount;
        }

        public static Kind parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    public FilterSpec {
        if (kind == null) {
            throw new IllegalArgumentException("filter needs a kind");
        }
        if (!(amount >= kind.min && amount <= kind.max)) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " amount must be "
                    + kind.min + ".." + kind.max + ", got " + amount);
        }
    }

    /** The filter with its default amount. */
    public static FilterSpec of(Kind kind) {
        return new FilterSpec(kind, kind.defaultAmount);
    }

    @Override
    public String type() {
        return "filter";
    }
}
