package com.imagecogni.pipeline.model;

import java.util.Locale;

/** Mirror the image: horizontal swaps left and right, vertical swaps top and bottom. */
public record FlipSpec(Direction direction) implements OperationSpec {

    /** The mirror axis. */
    public enum Direction {
        HORIZONTAL, VERTICAL;

        public static Direction parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    public FlipSpec {
        if (direction == null) {
            throw new IllegalArgumentException("flip needs a direction");
        }
    }

    @Override
    public String type() {
        return "flip";
    }
}
