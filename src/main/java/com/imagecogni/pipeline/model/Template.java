package com.imagecogni.pipeline.model;

/** A named platform size, e.g. instagram-square 1080x1080. */
public record Template(String name, String platform, int width, int height) {
    public Template {
        if (name == null || name.isBlank() || width < 1 || height < 1) {
            throw new IllegalArgumentException("template needs a name and positive dimensions");
        }
    }
}
