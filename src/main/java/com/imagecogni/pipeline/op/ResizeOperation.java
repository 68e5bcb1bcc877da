package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.Resampler;
import com.imagecogni.pipeline.model.Colors;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import com.imagecogni.pipeline.zip.EntryNames;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Resize to every size of the step; each size becomes a rendition named after it. */
public final class ResizeOperation implements Operation {

    private final ResizeSpec spec;
    private final List<String> folderNames;
    private final long maxOutputPixels;
    private final Resampler resampler;

    /** @param runtime its resampler cuts the sizes (on the runtime's helpers, sharing its levels per image) */
    public ResizeOperation(ResizeSpec spec, long maxOutputPixels, PipelineRuntime runtime) {
        this.spec = spec;
        this.maxOutputPixels = maxOutputPixels;
        this.resampler = runtime.resampler();
        this.folderNames = uniqueFolderNames(spec.sizes());
    }

    /** Sanitised folder names, with {@code -2}, {@code -3} ... on repeats, so two sizes never share a folder. */
    static List<String> uniqueFolderNames(List<SizeSpec> sizes) {
        List<String> taken = new ArrayList<>();
        for (SizeSpec size : sizes) {
            taken.add(EntryNames.unique(EntryNames.segment(size.folderName(), "size"), taken));
        }
        return taken;
    }

    /**
     * Every size is checked against the pixel limit up front; the pixels of each size are computed when the list
     * element is read, so a depth-first caller encodes one size while the next is resampled and never holds all of
     * them at once. All sizes share one pyramid of box halvings of the input.
     */
    @Override
    public List<Rendition> apply(Rendition input) {
        BufferedImage src = input.awt();
        int count = spec.sizes().size();
        ResizePlan[] plans = new ResizePlan[count];
        for (int i = 0; i < count; i++) {
            // a source decoded at a reduced DCT scale plans on its full size, so every output is the size a full decode gives
            ResizePlan plan = ResizePlan.of(input.planningWidth(), input.planningHeight(), spec.sizes().get(i), spec.fit(),
                    spec.upscale());
            if (plan.largestPixelCount() > maxOutputPixels) {
                throw new ProcessingFailedException(FailureReason.OUTPUT_TOO_LARGE, "size " + folderNames.get(i)
                        + " would need " + plan.largestPixelCount() + " pixels; the limit is " + maxOutputPixels);
            }
            plans[i] = plan;
        }
        Resampler.Pyramid pyramid = resampler.pyramid(src);
        return new AbstractList<>() {
            @Override
            public Rendition get(int i) {
                return input.withVariantPart(folderNames.get(i), render(pyramid, plans[Objects.checkIndex(i, count)]));
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    private BufferedImage render(Resampler.Pyramid pyramid, ResizePlan plan) {
        BufferedImage scaled = pyramid.resize(plan.scaledWidth(), plan.scaledHeight());
        return switch (plan.finish()) {
            case NONE -> scaled;
            case CROP -> Images.region(scaled, (scaled.getWidth() - plan.outWidth()) / 2,
                    (scaled.getHeight() - plan.outHeight()) / 2, plan.outWidth(), plan.outHeight());
            case PAD -> pad(scaled, plan.outWidth(), plan.outHeight());
        };
    }

    /** Without a background the padding is transparent; the JPEG encoder later flattens it onto white. */
    private BufferedImage pad(BufferedImage img, int width, int height) {
        Color bg = spec.background() == null ? new Color(0, 0, 0, 0) : Colors.parse(spec.background());
        boolean alpha = bg.getAlpha() < 255 || Images.hasAlpha(img);
        BufferedImage canvas = Images.blank(width, height, alpha);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setBackground(bg);
            g.clearRect(0, 0, width, height);
            g.drawImage(img, (width - img.getWidth()) / 2, (height - img.getHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }
}
