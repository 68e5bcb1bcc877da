package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.image.Trim;
import com.imagecogni.pipeline.model.CropSpec;
import com.imagecogni.pipeline.model.TrimSpec;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/** Removes a uniform border (see {@link TrimSpec}); an image that is all border is left whole. */
public final class TrimOperation implements Operation {

    private final TrimSpec spec;

    public TrimOperation(TrimSpec spec) {
        this.spec = spec;
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        return List.of(input.withImage(Trim.apply(input.image(), spec.threshold())));
    }

    /** An animation loses only the border every frame has: the union of the frames' content boxes. */
    @Override
    public Operation forAnimation(Rendition animated) {
        Rectangle union = null;
        for (BufferedImage frame : animated.animation().frames()) {
            Optional<Rectangle> box = Trim.content(frame, spec.threshold());
            if (box.isPresent()) {
                union = union == null ? box.get() : union.union(box.get());
            }
        }
        if (union == null) {
            return this; // every frame is all border: each is left whole
        }
        return new CropOperation(CropSpec.box(union.x, union.y, union.width, union.height));
    }
}
