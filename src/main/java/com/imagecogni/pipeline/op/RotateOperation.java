package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.image.Transforms;
import com.imagecogni.pipeline.model.RotateSpec;

import java.util.List;

/** Rotates clockwise by 90, 180 or 270 degrees, losslessly. */
public final class RotateOperation implements Operation {

    private final int orientation;

    public RotateOperation(RotateSpec spec) {
        this.orientation = switch (spec.degrees()) {
            case 90 -> Transforms.ROTATE_90_CW;
            case 180 -> Transforms.ROTATE_180;
            default -> Transforms.ROTATE_270_CW;
        };
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        return List.of(input.withImage(Transforms.orient(input.image(), orientation)));
    }
}
