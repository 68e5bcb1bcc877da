package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.MarkBlender;
import com.imagecogni.pipeline.image.Resampler;
import com.imagecogni.pipeline.image.WatermarkFont;
import com.imagecogni.pipeline.model.Colors;
import com.imagecogni.pipeline.model.WatermarkSpec;
import com.sksamuel.scrimage.ImmutableImage;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Blends a text or an image into each rendition at a gravity position, inset by the margin, with the opacity and
 * blend mode of the spec ({@link MarkBlender}). Marks larger than the space inside the margins are shrunk to fit
 * (text by font size).
 */
public final class WatermarkOperation implements Operation {

    /** Watermark images are small by nature; a lower limit than for sources keeps a hostile one cheap. */
    private static final DecodeLimits WATERMARK_LIMITS = new DecodeLimits(16_000_000L, 1);
    private static final int MIN_FONT_PX = 6;

    private final WatermarkSpec spec;
    private final Resampler resampler;
    private final BufferedImage mark;

    /** @param runtime the mark image is decoded and shrunk on its helpers */
    public WatermarkOperation(WatermarkSpec spec, PipelineRuntime runtime) {
        this.spec = spec;
        this.resampler = runtime.resampler();
        this.mark = spec.isText() ? null : decodeMark(spec.image(), runtime);
    }

    private static BufferedImage decodeMark(byte[] bytes, PipelineRuntime runtime) {
        try {
            return Images.convert(new SourceDecoder(WATERMARK_LIMITS, runtime.parallel()).decode(bytes).image(),
                    BufferedImage.TYPE_INT_ARGB);
        } catch (InputRejectedException e) {
            throw new ProcessingFailedException(FailureReason.INVALID_WATERMARK,
                    "the watermark image is unusable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        ImmutableImage src = input.image();
        int availW = Math.max(1, src.width - 2 * spec.margin());
        int availH = Math.max(1, src.height - 2 * spec.margin());
        BufferedImage m = spec.isText() ? textMark(availW, availH) : imageMark(availW, availH);
        int margin = spec.margin();
        int x = margin + (int) Math.round((src.width - 2 * margin - m.getWidth()) * spec.position().horizontalAnchor());
        int y = margin + (int) Math.round((src.height - 2 * margin - m.getHeight()) * spec.position().verticalAnchor());
        return List.of(input.withImage(MarkBlender.blend(src, m, x, y, spec.opacity(), spec.mode())));
    }

    /** The text drawn on a transparent image of its own size, in the shipped font, shrunk to fit the space. */
    private BufferedImage textMark(int availW, int availH) {
        BufferedImage scratch = Images.blank(1, 1, true);
        Graphics2D probe = scratch.createGraphics();
        Font font = WatermarkFont.ofSize(spec.textSize());
        FontMetrics fm = probe.getFontMetrics(font);
        double shrink = Math.min(1.0, Math.min(availW / (double) Math.max(1, fm.stringWidth(spec.text())),
                availH / (double) Math.max(1, fm.getHeight())));
        if (shrink < 1.0) {
            font = WatermarkFont.ofSize((float) Math.max(MIN_FONT_PX, spec.textSize() * shrink));
            fm = probe.getFontMetrics(font);
        }
        probe.dispose();
        BufferedImage text = Images.blank(Math.max(1, fm.stringWidth(spec.text())), Math.max(1, fm.getHeight()), true);
        Graphics2D g = text.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setFont(font);
            g.setColor(Colors.parse(spec.textColor()));
            g.drawString(spec.text(), 0, fm.getAscent());
        } finally {
            g.dispose();
        }
        return text;
    }

    private BufferedImage imageMark(int availW, int availH) {
        double shrink = Math.min(1.0, Math.min(availW / (double) mark.getWidth(), availH / (double) mark.getHeight()));
        if (shrink >= 1.0) {
            return mark;
        }
        return Images.convert(resampler.resize(mark, (int) Math.max(1, Math.round(mark.getWidth() * shrink)),
                (int) Math.max(1, Math.round(mark.getHeight() * shrink))), BufferedImage.TYPE_INT_ARGB);
    }
}
