package com.imagecogni.pipeline.image;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The font watermark text is drawn in: DejaVu Sans Bold, shipped in the jar (fonts/, with its licence), so a text
 * mark looks the same on every machine and in the native image, which has no system fonts to fall back on.
 */
public final class WatermarkFont {

    private static final String RESOURCE = "/fonts/DejaVuSans-Bold.ttf";
    private static final Font BASE = load();

    private WatermarkFont() {
    }

    /** The font at {@code pixels} size. */
    public static Font ofSize(float pixels) {
        return BASE.deriveFont(pixels);
    }

    private static Font load() {
        try (InputStream in = WatermarkFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(RESOURCE + " is not a TrueType font", e);
        }
    }
}
