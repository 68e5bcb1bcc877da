package com.imagecogni.pipeline.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The pipeline keeps every image as TYPE_INT_RGB or TYPE_INT_ARGB so operations can work on the packed int array
 * directly; these helpers create and convert such images.
 */
public final class Images {

    private Images() {
    }

    public static boolean isNormalised(BufferedImage img) {
        int t = img.getType();
        return t == BufferedImage.TYPE_INT_RGB || t == BufferedImage.TYPE_INT_ARGB;
    }

    /** Draws any image into the pipeline's int layout, keeping alpha only if the source has it. */
    public static BufferedImage normalise(BufferedImage img) {
        if (isNormalised(img)) {
            return img;
        }
        int type = img.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        return convert(img, type);
    }

    public static BufferedImage convert(BufferedImage img, int type) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The live packed pixels of a normalised image (writes go straight into the image). */
    public static int[] pixels(BufferedImage img) {
        if (!isNormalised(img)) {
            throw new IllegalArgumentException("image is not in the pipeline's int layout: type " + img.getType());
        }
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    public static BufferedImage blank(int width, int height, boolean alpha) {
        return new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    public static boolean hasAlpha(BufferedImage img) {
        return img.getType() == BufferedImage.TYPE_INT_ARGB;
    }

    /** A copy of a region; the copy owns its pixels so later in-place filters cannot touch sibling outputs. */
    public static BufferedImage region(BufferedImage img, int x, int y, int width, int height) {
        BufferedImage src = normalise(img);
        BufferedImage out = blank(width, height, hasAlpha(src));
        int[] in = pixels(src);
        int[] dst = pixels(out);
        int stride = src.getWidth();
        for (int row = 0; row < height; row++) {
            System.arraycopy(in, (y + row) * stride + x, dst, row * width, width);
        }
        return out;
    }
}
