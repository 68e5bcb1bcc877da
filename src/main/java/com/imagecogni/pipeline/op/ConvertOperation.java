package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.ImageFormat;

import java.util.ArrayList;
import java.util.List;

/** Sets the output format; several formats fan out into one rendition each (same pixels, same folder). */
public final class ConvertOperation implements Operation {

    private final ConvertSpec spec;

    public ConvertOperation(ConvertSpec spec) {
        this.spec = spec;
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        List<Rendition> out = new ArrayList<>(spec.formats().size());
        for (ImageFormat format : spec.formats()) {
            out.add(input.withFormat(format));
        }
        return out;
    }
}
