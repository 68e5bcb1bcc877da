package com.imagecogni.pipeline.image;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * An animation as full-canvas frames (each already composited over the previous ones), how long each shows and how
 * often the whole repeats.
 *
 * @param frames at least one, all of the same size
 * @param durationsMillis one per frame, 0 or more
 * @param loopCount 0 = forever, as in the WebP ANIM chunk
 */
public record Animation(List<BufferedImage> frames, List<Integer> durationsMillis, int loopCount) {

    /** The ANIM chunk stores the loop count in 16 bits. */
    public static final int MAX_LOOP_COUNT = 0xFFFF;

    public Animation {
        frames = List.copyOf(frames);
        durationsMillis = List.copyOf(durationsMillis);
        if (frames.isEmpty() || frames.size() != durationsMillis.size()) {
            throw new IllegalArgumentException("an animation needs frames and one duration per frame, got "
                    + frames.size() + " frames and " + durationsMillis.size() + " durations");
        }
        int width = frames.get(0).getWidth();
        int height = frames.get(0).getHeight();
        for (BufferedImage frame : frames) {
            if (frame.getWidth() != width || frame.getHeight() != height) {
                throw new IllegalArgumentException("every frame must be " + width + "x" + height + ", got "
                        + frame.getWidth() + "x" + frame.getHeight());
            }
        }
        if (durationsMillis.stream().anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException("frame durations must be 0 or more: " + durationsMillis);
        }
        if (loopCount < 0 || loopCount > MAX_LOOP_COUNT) {
            throw new IllegalArgumentException("loop count must be 0.." + MAX_LOOP_COUNT + ", got " + loopCount);
        }
    }

    public int width() {
        return frames.get(0).getWidth();
    }

    public int height() {
        return frames.get(0).getHeight();
    }
}
