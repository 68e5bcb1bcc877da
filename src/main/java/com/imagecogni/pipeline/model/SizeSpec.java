package com.imagecogni.pipeline.model;

/**
 * One size of a resize step: {@code {width?, height?}}, {@code {percent}} or {@code {template}},
 * each with an optional folder {@code name} and an optional {@code fit} overriding the step's.
 */
public record SizeSpec(Integer width, Integer height, Integer percent, String template, String name, Fit fit) {

    /** Largest edge an output may have; WebP cannot encode more than 16383 pixels per side. */
    public static final int MAX_EDGE = 16383;
    public static final int MAX_PERCENT = 1000;

    public SizeSpec {
        boolean box = width != null || height != null;
        int kinds = (box ? 1 : 0) + (percent != null ? 1 : 0) + (template != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a size needs exactly one of width/height, percent or template");
        }
        checkEdge("width", width);
        checkEdge("height", height);
        if (percent != null && (percent < 1 || percent > MAX_PERCENT)) {
            throw new IllegalArgumentException("percent must be 1.." + MAX_PERCENT + ", got " + percent);
        }
        if (template != null && Templates.find(template).isEmpty()) {
            throw new IllegalArgumentException("unknown template: " + template);
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("a size name must not be blank");
        }
    }

    private static void checkEdge(String what, Integer value) {
        if (value != null && (value < 1 || value > MAX_EDGE)) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_EDGE + ", got " + value);
        }
    }

    public static SizeSpec box(int width, int height) {
        return new SizeSpec(width, height, null, null, null, null);
    }

    public static SizeSpec width(int width) {
        return new SizeSpec(width, null, null, null, null, null);
    }

    public static SizeSpec height(int height) {
        return new SizeSpec(null, height, null, null, null, null);
    }

    public static SizeSpec percent(int percent) {
        return new SizeSpec(null, null, percent, null, null, null);
    }

    public static SizeSpec template(String template) {
        return new SizeSpec(null, null, null, template, null, null);
    }

    public SizeSpec withName(String newName) {
        return new SizeSpec(width, height, percent, template, newName, fit);
    }

    public SizeSpec withFit(Fit newFit) {
        return new SizeSpec(width, height, percent, template, name, newFit);
    }

    /** The variant folder name this size produces before sanitising and de-duplication (SPEC section 7). */
    public String folderName() {
        if (name != null) {
            return name;
        }
        if (template != null) {
            return template;
        }
        if (percent != null) {
            return percent + "pct";
        }
        if (width != null && height != null) {
            return width + "x" + height;
        }
        return width != null ? width + "w" : height + "h";
    }
}
