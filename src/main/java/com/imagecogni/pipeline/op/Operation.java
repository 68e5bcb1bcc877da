package com.imagecogni.pipeline.op;

import java.util.List;

/** One pipeline step: turns one rendition into one or more (resize and convert fan out). */
public interface Operation {

    List<Rendition> apply(Rendition input);

    /**
     * The step to run on each frame of {@code animated}: itself, unless what it does depends on the pixels (a trim's
     * box, a smart crop's window), which is then decided once for the whole animation so every frame gets the same
     * geometry.
     */
    default Operation forAnimation(Rendition animated) {
        return this;
    }
}
