package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.model.ImageFormat;

import com.sksamuel.scrimage.ImmutableImage;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One image on its way through the steps: its pixels as Scrimage's {@link ImmutableImage} over a TYPE_INT_RGB or
 * TYPE_INT_ARGB raster (never mutated once built, so siblings may share them),
 * the variant folder parts named by the resize steps so far, the output format and the encoder settings.
 *
 * @param profile the ICC profile the pixel values are in, or null for sRGB (a {@code colorProfile: keep} source)
 * @param planningSize the size the image stands for when it was decoded smaller (JPEG DCT scaling): the first
 *        resize plans its sizes on it, so outputs are what a full decode would give; null otherwise
 * @param animation all frames when the rendition is animated ({@code image} is the first); null for a still. The
 *        operations see one frame at a time: the pipeline applies each step to every frame
 */
public record Rendition(ImmutableImage image, List<String> variantParts, ImageFormat format, EncodeOptions encoding,
        byte[] profile, PlanningSize planningSize, Animation animation) {

    /** The full size of a source decoded at a reduced scale. */
    public record PlanningSize(int width, int height) {
    }

    public Rendition {
        variantParts = List.copyOf(variantParts);
    }

    /** sRGB pixels at their own size. */
    public Rendition(BufferedImage image, List<String> variantParts, ImageFormat format, EncodeOptions encoding) {
        this(ImmutableImage.wrapAwt(image), variantParts, format, encoding, null, null, null);
    }

    /** A still image decoded into {@code image} (wrapped, not copied: the decoder hands it over). */
    public Rendition(BufferedImage image, List<String> variantParts, ImageFormat format, EncodeOptions encoding,
            byte[] profile, PlanningSize planningSize) {
        this(ImmutableImage.wrapAwt(image), variantParts, format, encoding, profile, planningSize, null);
    }

    /** The pixels as the AWT image Scrimage wraps (no copy), for the encoders and our own raster code. */
    public BufferedImage awt() {
        return image.awt();
    }

    /** One frame of this rendition, as a still with the same folder, format, settings and profile. */
    public Rendition frame(BufferedImage frame) {
        return new Rendition(ImmutableImage.wrapAwt(frame), variantParts, format, encoding, profile, planningSize, null);
    }

    /** This rendition (the result of a step on the first frame) carrying all frames. */
    public Rendition withAnimation(Animation frames) {
        return new Rendition(ImmutableImage.wrapAwt(frames.frames().get(0)), variantParts, format, encoding, profile,
                planningSize, frames);
    }

    /** New pixels: any planning size no longer applies (only the first resize may use it). */
    public Rendition withImage(ImmutableImage newImage) {
        return new Rendition(newImage, variantParts, format, encoding, profile, null, null);
    }

    /** New pixels made by our own raster code. */
    public Rendition withImage(BufferedImage newImage) {
        return withImage(ImmutableImage.wrapAwt(newImage));
    }

    public Rendition withFormat(ImageFormat newFormat) {
        return new Rendition(image, variantParts, newFormat, encoding, profile, planningSize, animation);
    }

    public Rendition withEncoding(EncodeOptions newEncoding) {
        return new Rendition(image, variantParts, format, newEncoding, profile, planningSize, animation);
    }

    /** Pixels converted into another colour space: {@code newProfile} null means sRGB. */
    public Rendition withPixels(BufferedImage newImage, byte[] newProfile) {
        return new Rendition(ImmutableImage.wrapAwt(newImage), variantParts, format, encoding, newProfile, null, null);
    }

    public Rendition withVariantPart(String part, BufferedImage newImage) {
        List<String> parts = new ArrayList<>(variantParts);
        parts.add(part);
        return new Rendition(ImmutableImage.wrapAwt(newImage), parts, format, encoding, profile, null, null);
    }

    /** Width the next resize plans with: the full source width when decoded smaller, else the image's own. */
    public int planningWidth() {
        return planningSize == null ? image.width : planningSize.width();
    }

    public int planningHeight() {
        return planningSize == null ? image.height : planningSize.height();
    }

    /** SPEC section 7: resize names joined with {@code __}, or {@code original} when no resize ran. */
    public String variant() {
        return variantParts.isEmpty() ? "original" : String.join("__", variantParts);
    }
}
