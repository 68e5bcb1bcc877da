package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.image.Trim;
import com.imagecogni.pipeline.model.TrimSpec;

import java.util.List;

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
}
