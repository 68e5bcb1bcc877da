package com.imagecogni.pipeline.model;

/**
 * Overlay a text or an image (given as encoded bytes) at a position, with an opacity 0..1, a margin in pixels and a
 * blend mode. Text uses {@code textSize} pixels and {@code textColor} in the font shipped with the service; an image
 * is drawn at its own size, shrunk if it does not fit inside the margins.
 */
public record WatermarkSpec(String text, byte[] image, Gravity position, double opacity, int margin,
                            int textSize, String textColor, BlendMode mode) implements OperationSpec {

    public static final int MAX_TEXT_LENGTH = 200;
    public static final int MAX_MARGIN = 10_000;
    public static final int MAX_TEXT_SIZE = 2_000;
    public static final double DEFAULT_OPACITY = 0.5;
    public static final int DEFAULT_MARGIN = 16;
    public static final int DEFAULT_TEXT_SIZE = 32;

    public WatermarkSpec {
        boolean hasText = text != null && !text.isBlank();
        boolean hasImage = image != null && image.length > 0;
        if (hasText == hasImage) {
            throw new IllegalArgumentException("watermark needs either a text or an image");
        }
        if (hasText && text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("watermark text is limited to " + MAX_TEXT_LENGTH + " characters");
        }
        position = position == null ? Gravity.SOUTHEAST : position;
        if (position == Gravity.SMART) {
            throw new IllegalArgumentException("watermark position cannot be smart");
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be 0..1, got " + opacity);
        }
        if (margin < 0 || margin > MAX_MARGIN) {
            throw new IllegalArgumentException("margin must be 0.." + MAX_MARGIN + " px, got " + margin);
        }
        if (textSize < 1 || textSize > MAX_TEXT_SIZE) {
            throw new IllegalArgumentException("textSize must be 1.." + MAX_TEXT_SIZE + " px, got " + textSize);
        }
        textColor = textColor == null ? "#ffffff" : textColor;
        Colors.parse(textColor);
        mode = mode == null ? BlendMode.NORMAL : mode;
    }

    public static WatermarkSpec text(String text, Gravity position, double opacity, int margin, int textSize, String colour) {
        return new WatermarkSpec(text, null, position, opacity, margin, textSize, colour, BlendMode.NORMAL);
    }

    public static WatermarkSpec image(byte[] image, Gravity position, double opacity, int margin) {
        return new WatermarkSpec(null, image, position, opacity, margin, 24, null, BlendMode.NORMAL);
    }

    public boolean isText() {
        return text != null && !text.isBlank();
    }

    @Override
    public String type() {
        return "watermark";
    }
}
