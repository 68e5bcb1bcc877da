package com.imagecogni.pipeline.model;

/**
 * Crop either to a pixel box ({@code x, y, width, height}) or to the largest region of an aspect ratio
 * ({@code "16:9"}) placed by a gravity.
 */
public record CropSpec(Integer x, Integer y, Integer width, Integer height, String aspectRatio, Gravity gravity)
        implements OperationSpec {

    /** Largest coordinate or box edge a crop may name (the parser's bound). */
    public static final int MAX_COORDINATE = 1_000_000;


    public CropSpec {
        boolean box = x != null || y != null || width != null || height != null;
        if (box == (aspectRatio != null)) {
            throw new IllegalArgumentException("crop needs either x,y,width,height or aspectRatio");
        }
        if (box) {
            if (x == null || y == null || width == null || height == null) {
                throw new IllegalArgumentException("a crop box needs all of x, y, width, height");
            }
            if (x < 0 || y < 0 || width < 1 || height < 1) {
                throw new IllegalArgumentException("crop box needs x,y >= 0 and width,height >= 1");
            }
            if (gravity != null) {
                throw new IllegalArgumentException("gravity only applies to an aspectRatio crop");
            }
        } else {
            parseRatio(aspectRatio);
            gravity = gravity == null ? Gravity.CENTER : gravity;
        }
    }

    public static CropSpec box(int x, int y, int width, int height) {
        return new CropSpec(x, y, width, height, null, null);
    }

    public static CropSpec aspect(String ratio, Gravity gravity) {
        return new CropSpec(null, null, null, null, ratio, gravity);
    }

    public boolean isBox() {
        return aspectRatio == null;
    }

    /** The aspect ratio as width/height. */
    public double ratio() {
        return parseRatio(aspectRatio);
    }

    private static double parseRatio(String ratio) {
        String[] parts = ratio.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("aspectRatio must look like 16:9, got " + ratio);
        }
        try {
            double w = Double.parseDouble(parts[0].trim());
            double h = Double.parseDouble(parts[1].trim());
            if (!(w > 0 && h > 0 && w / h >= 1.0 / 100 && w / h <= 100)) {
                throw new IllegalArgumentException("aspectRatio must be positive and between 1:100 and 100:1, got " + ratio);
            }
            return w / h;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("aspectRatio must look like 16:9, got " + ratio, e);
        }
    }

    @Override
    public String type() {
        return "crop";
    }
}
