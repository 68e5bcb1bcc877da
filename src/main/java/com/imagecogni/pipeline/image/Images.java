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

    /**
     * As {@link #normalise(BufferedImage, Parallel)}, on the calling thread alone: for images already normalised, as
     * every rendition's pixels are (the decoder normalises them with its runtime's helpers), so nothing is lost.
     */
    public static BufferedImage normalise(BufferedImage img) {
        return normalise(img, Parallel.SEQUENTIAL);
    }

    /**
     * Draws any image into the pipeline's int layout, keeping alpha only if the source has it; byte rasters are
     * repacked in bands on {@code parallel}.
     */
    public static BufferedImage normalise(BufferedImage img, Parallel parallel) {
        if (isNormalised(img)) {
            return img;
        }
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR || img.getType() == BufferedImage.TYPE_4BYTE_ABGR) {
            BufferedImage fast = fromInterleavedBytes(img, parallel);
            if (fast != null) {
                return fast;
            }
        }
        int type = img.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        return convert(img, type);
    }

    /**
     * TYPE_3BYTE_BGR (what the JPEG decoder returns) and TYPE_4BYTE_ABGR repacked straight from the byte raster, in
     * parallel bands: the same values a Java2D draw gives, without its per-pixel colour-model path. Returns null for
     * an unusual raster layout (a sub-image, a custom sample model), which then takes the Java2D path.
     */
    private static BufferedImage fromInterleavedBytes(BufferedImage img, Parallel parallel) {
        java.awt.image.Raster raster = img.getRaster();
        if (!(raster.getDataBuffer() instanceof java.awt.image.DataBufferByte buffer)
                || !(raster.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || buffer.getNumBanks() != 1) {
            return null;
        }
        boolean alpha = img.getType() == BufferedImage.TYPE_4BYTE_ABGR;
        int stride = sm.getPixelStride();
        int[] offsets = sm.getBandOffsets();
        if (stride != (alpha ? 4 : 3) || offsets.length != stride) {
            return null;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int scan = sm.getScanlineStride();
        int base = buffer.getOffset();
        byte[] in = buffer.getData();
        int ro = offsets[0];
        int go = offsets[1];
        int bo = offsets[2];
        int ao = alpha ? offsets[3] : 0;
        BufferedImage out = blank(w, h, alpha);
        int[] dst = pixels(out);
        parallel.forRange(h, w, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                int s = base + y * scan;
                int o = y * w;
                for (int x = 0; x < w; x++, s += stride) {
                    int a = alpha ? in[s + ao] & 0xFF : 0xFF;
                    dst[o + x] = a << 24 | (in[s + ro] & 0xFF) << 16 | (in[s + go] & 0xFF) << 8 | (in[s + bo] & 0xFF);
                }
            }
        });
        return out;
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

    /** {@code image} as TYPE_INT_RGB with transparent areas composited onto white; itself when already so. */
    public static BufferedImage flattenOnWhite(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
