package com.imagecogni.pipeline.model;

/** Rotate clockwise by 90, 180 or 270 degrees (EXIF orientation is already applied at decode). */
public record RotateSpec(int degrees) implements OperationSpec {
    public RotateSpec {
        if (degrees != 90 && degrees != 180 && degrees != 270) {
            throw new IllegalArgumentException("rotate degrees must be 90, 180 or 270, got " + degrees);
        }
    }

    @Override
    public String type() {
        return "rotate";
    }
}
