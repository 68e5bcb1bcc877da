package com.imagecogni.pipeline.model;

import java.util.Locale;

/** Where a crop window or a watermark is anchored; {@code SMART} picks the busiest region (crop only). */
public enum Gravity {
    CENTER, NORTH, SOUTH, EAST, WEST, NORTHEAST, NORTHWEST, SOUTHEAST, SOUTHWEST, SMART;

    public static Gravity parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** Horizontal anchor: 0 = left, 0.5 = centre, 1 = right. */
    public double horizontalAnchor() {
        return switch (this) {
            case WEST, NORTHWEST, SOUTHWEST -> 0.0;
            case EAST, NORTHEAST, SOUTHEAST -> 1.0;
            default -> 0.5;
        };
    }

    /** Vertical anchor: 0 = top, 0.5 = middle, 1 = bottom. */
    public double verticalAnchor() {
        return switch (this) {
            case NORTH, NORTHEAST, NORTHWEST -> 0.0;
            case SOUTH, SOUTHEAST, SOUTHWEST -> 1.0;
            default -> 0.5;
        };
    }
}
