package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.image.ColorProfiles;

import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a step on every frame of an animated rendition: the step sees one still frame at a time, and its k-th output
 * of every frame becomes the k-th animated output (same folder, format and settings; frame timing kept). An output is
 * computed when it is read, so only one output's frames are held at once.
 */
public final class AnimationSteps {

    private AnimationSteps() {
    }

    /** @param maxOutputPixels the pixel limit, applied to frames x width x height of each animated output */
    public static List<Rendition> apply(Operation step, Rendition animated, long maxOutputPixels) {
        Animation source = animated.animation();
        Operation frameStep = step.forAnimation(animated);
        List<List<Rendition>> perFrame = new ArrayList<>(source.frames().size());
        for (BufferedImage frame : source.frames()) {
            perFrame.add(frameStep.apply(animated.frame(frame)));
        }
        int count = perFrame.get(0).size();
        return new AbstractList<>() {
            @Override
            public Rendition get(int index) {
                Objects.checkIndex(index, count);
                List<BufferedImage> frames = new ArrayList<>(perFrame.size());
                for (List<Rendition> outputs : perFrame) {
                    frames.add(outputs.get(index).awt());
                }
                Rendition first = perFrame.get(0).get(index);
                long pixels = (long) frames.size() * first.awt().getWidth() * first.awt().getHeight();
                if (pixels > maxOutputPixels) {
                    throw new ProcessingFailedException(FailureReason.OUTPUT_TOO_LARGE, "the animated output would need "
                            + frames.size() + " frames x " + first.awt().getWidth() + "x" + first.awt().getHeight()
                            + " = " + pixels + " pixels; the limit is " + maxOutputPixels);
                }
                return first.withAnimation(new Animation(frames, source.durationsMillis(), source.loopCount()));
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /** The rendition with sRGB pixels (every frame of an animation): itself when it already has them. */
    public static Rendition inSrgb(Rendition input) {
        if (input.animation() == null) {
            return ConvertOperation.inSrgb(input);
        }
        Optional<ICC_Profile> profile = ColorProfiles.rgbNotSrgb(input.profile());
        List<BufferedImage> frames = new ArrayList<>(input.animation().frames().size());
        for (BufferedImage frame : input.animation().frames()) {
            frames.add(profile.isPresent() ? ColorProfiles.toSrgb(frame, profile.get()) : frame);
        }
        Animation converted = new Animation(frames, input.animation().durationsMillis(), input.animation().loopCount());
        return input.withPixels(frames.get(0), null).withAnimation(converted);
    }
}
