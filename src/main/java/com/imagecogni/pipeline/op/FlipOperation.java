package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.image.Transforms;
import com.imagecogni.pipeline.model.FlipSpec;

import java.util.List;

/** Mirrors left-right (horizontal) or top-bottom (vertical). */
public final class FlipOperation implements Operation {

    private final int orientation;

    public FlipOperation(FlipSpec spec) {
        this.orientation = spec.direction() == FlipSpec.Direction.HORIZONTAL
                ? Transforms.MIRROR_HORIZONTAL : Transforms.MIRROR_VERTICAL;
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        return List.of(input.withImage(Transforms.orient(input.image(), orientation)));
    }
}
