package com.imagecogni.pipeline;

/** Hears how far a job's rendering has come: after each source, done or failed, and the outputs written so far. */
@FunctionalInterface
public interface RenderProgress {

    RenderProgress NONE = (sourcesDone, outputsDone) -> { };

    void sourceDone(int sourcesDone, int outputsDone);
}
