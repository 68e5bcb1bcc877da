package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.model.CompressSpec;

import java.util.List;

/** Records quality, progressive, lossless, effort and metadata choices for the encoder; pixels are untouched until encoding. */
public final class CompressOperation implements Operation {

    private final EncodeOptions options;

    public CompressOperation(CompressSpec spec) {
        this.options = new EncodeOptions(spec.quality(), spec.progressive(), spec.stripMetadata(), spec.lossless(),
                spec.effort(), spec.keepGps());
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        return List.of(input.withEncoding(options));
    }
}
