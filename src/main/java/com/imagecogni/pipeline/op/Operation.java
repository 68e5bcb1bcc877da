package com.imagecogni.pipeline.op;

import java.util.List;

/** One pipeline step: turns one rendition into one or more (resize and convert fan out). */
public interface Operation {

    List<Rendition> apply(Rendition input);
}
