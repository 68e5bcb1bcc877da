package com.imagecogni.pipeline.op;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.Resampler;
import com.imagecogni.pipeline.model.Colors;
import com.imagecogni.pipeline.model.WatermarkSpec;

import java.awt.AlphaComposite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws a text or an image over a copy of each rendition at a gravity position, inset by the margin and blended with
 * the opacity. Marks larger than the space inside the margins are shrunk to fit (text by font size).
 */
public final class WatermarkOperation implements Operation {

    /** Watermark images are small by nature; a lower limit than for sources keeps a hostile one cheap. */
    private static final DecodeLimits WATERMARK_LIMITS = new DecodeLimits(16_000_000L, 1);
    private static final int MIN_FONT_PX = 6;

    private final WatermarkSpec spec;
    private final BufferedImage mark;

    public WatermarkOperation(WatermarkSpec spec) {
        this.spec = spec;
        this.mark = spec.isText() ? null : decodeMark(spec.image());
    }

    private static BufferedImage decodeMark(byte[] bytes) {
        try {
            return new SourceDecoder(WATERMARK_LIMITS).decode(bytes).image();
        } catch (InputRejectedException e) {
            throw new ProcessingFailedException(FailureReason.INVALID_WATERMARK,
                    "the watermark image is unusable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Rendition> apply(Rendition input) {
        BufferedImage src = input.image();
        BufferedImage out = Images.blank(src.getWidth(), src.getHeight(), Images.hasAlpha(src));
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, 0, 0, null);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) spec.opacity()));
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int availW = Math.max(1, src.getWidth() - 2 * spec.margin());
            int availH = Math.max(1, src.getHeight() - 2 * spec.margin());
            if (spec.isText()) {
                drawText(g, src, availW, availH);
            } else {
                drawMark(g, src, availW, availH);
            }
        } finally {
            g.dispose();
        }
        return List.of(input.withImage(out));
    }

    private void drawText(Graphics2D g, BufferedImage src, int availW, int availH) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, spec.textSize());
        FontMetrics fm = g.getFontMetrics(font);
        double shrink = Math.min(1.0, Math.min(availW / (double) Math.max(1, fm.stringWidth(spec.text())),
                availH / (double) Math.max(1, fm.getHeight())));
        if (shrink < 1.0) {
            font = font.deriveFont((float) Math.max(MIN_FONT_PX, spec.textSize() * shrink));
            fm = g.getFontMetrics(font);
        }
        g.setFont(font);
        g.setColor(Colors.parse(spec.textColor()));
        int[] at = place(src, fm.stringWidth(spec.text()), fm.getHeight());
        g.drawString(spec.text(), at[0], at[1] + fm.getAscent());
    }

    private void drawMark(Graphics2D g, BufferedImage src, int availW, int availH) {
        BufferedImage m = mark;
        double shrink = Math.min(1.0, Math.min(availW / (double) m.getWidth(), availH / (double) m.getHeight()));
        if (shrink < 1.0) {
            m = Resampler.resize(m, (int) Math.max(1, Math.round(m.getWidth() * shrink)),
                    (int) Math.max(1, Math.round(m.getHeight() * shrink)));
        }
        int[] at = place(src, m.getWidth(), m.getHeight());
        g.drawImage(m, at[0], at[1], null);
    }

    private int[] place(BufferedImage src, int markW, int markH) {
        int margin = spec.margin();
        int x = margin + (int) Math.round((src.getWidth() - 2 * margin - markW) * spec.position().horizontalAnchor());
        int y = margin + (int) Math.round((src.getHeight() - 2 * margin - markH) * spec.position().verticalAnchor());
        return new int[] {x, y};
    }
}
