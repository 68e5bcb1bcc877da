package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.model.FlipSpec;

import java.util.List;

/**
 * Mirrors left-right (horizontal) or top-bottom (vertical) with Scrimage's {@code flipX}/{@code flipY}: a
 * nearest-neighbour affine copy, pixel-identical to our own mirror and faster (13-16 ms against 20-30 ms on 12 MP,
 * {@code bin/bench-ops}).
 */
public final class FlipOperation implements Operation {

    private final FlipSpec.Direction direction;

    public FlipOperation(FlipSpec spec) {
        this.direction = spec.direction();
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        return List.of(input.withImage(direction == FlipSpec.Direction.HORIZONTAL
                ? input.image().flipX() : input.image().flipY()));
    }
}
