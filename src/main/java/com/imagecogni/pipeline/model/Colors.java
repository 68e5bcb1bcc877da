package com.imagecogni.pipeline.model;

import java.awt.Color;
import java.util.Locale;

/** Parses the colour strings a configuration may contain: {@code #RGB}, {@code #RRGGBB}, {@code #RRGGBBAA}, a few names. */
public final class Colors {

    private Colors() {
    }

    public static Color parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("colour must not be null");
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "transparent":
                return new Color(0, 0, 0, 0);
            case "white":
                return Color.WHITE;
            case "black":
                return Color.BLACK;
            default:
                break;
        }
        if (!v.matches("#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})")) {
            throw new IllegalArgumentException("colour must be #RGB, #RRGGBB, #RRGGBBAA, white, black or transparent: " + value);
        }
        String hex = v.substring(1);
        if (hex.length() == 3) {
            hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
        }
        int r = Integer.parseInt(hex.substring(0, 2), 16);
        int g = Integer.parseInt(hex.substring(2, 4), 16);
        int b = Integer.parseInt(hex.substring(4, 6), 16);
        int a = hex.length() == 8 ? Integer.parseInt(hex.substring(6, 8), 16) : 255;
        return new Color(r, g, b, a);
    }
}
