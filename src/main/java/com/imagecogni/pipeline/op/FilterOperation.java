package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.filter.ImageFilters;
import com.imagecogni.pipeline.model.FilterSpec;

import java.util.List;

/** One filter of the catalogue ({@link FilterSpec}) as a Scrimage filter, on a copy of the rendition's image. */
public final class FilterOperation implements Operation {

    private final FilterSpec spec;

    public FilterOperation(FilterSpec spec) {
        this.spec = spec;
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        return List.of(input.withImage(ImageFilters.apply(spec, input.image())));
    }
}
