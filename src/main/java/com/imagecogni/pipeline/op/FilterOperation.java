package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.filter.ImageFilters;
import com.imagecogni.pipeline.image.Parallel;
import com.imagecogni.pipeline.model.FilterSpec;

import java.util.List;

/** One filter of the catalogue ({@link FilterSpec}) as a Scrimage filter, on a copy of the rendition's image. */
public final class FilterOperation implements Operation {

    private final FilterSpec spec;
    private final Parallel parallel;

    /** @param runtime our own filters run their pixel loops on its helpers */
    public FilterOperation(FilterSpec spec, PipelineRuntime runtime) {
        this.spec = spec;
        this.parallel = runtime.parallel();
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        return List.of(input.withImage(ImageFilters.apply(spec, input.image(), parallel)));
    }
}
