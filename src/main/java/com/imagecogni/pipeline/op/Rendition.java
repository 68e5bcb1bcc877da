package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.model.ImageFormat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One image on its way through the steps: its pixels (never mutated once built, so siblings may share them),
 * the variant folder parts named by the resize steps so far, the output format and the encoder settings.
 */
public record Rendition(BufferedImage image, List<String> variantParts, ImageFormat format, EncodeOptions encoding) {

    public Rendition {
        variantParts = List.copyOf(variantParts);
    }

    public Rendition withImage(BufferedImage newImage) {
        return new Rendition(newImage, variantParts, format, encoding);
    }

    public Rendition withFormat(ImageFormat newFormat) {
        return new Rendition(image, variantParts, newFormat, encoding);
    }

    public Rendition withEncoding(EncodeOptions newEncoding) {
        return new Rendition(image, variantParts, format, newEncoding);
    }

    public Rendition withVariantPart(String part, BufferedImage newImage) {
        List<String> parts = new ArrayList<>(variantParts);
        parts.add(part);
        return new Rendition(newImage, parts, format, encoding);
    }

    /** SPEC section 7: resize names joined with {@code __}, or {@code original} when no resize ran. */
    public String variant() {
        return variantParts.isEmpty() ? "original" : String.join("__", variantParts);
    }
}
