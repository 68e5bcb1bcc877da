package com.imagecogni.pipeline.codec.webp;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Moves pixels between a BufferedImage and native memory in one bulk copy. An int 0xAARRGGBB stored little-endian is
 * the bytes B,G,R,A, which is libwebp's BGRA order, so the int[] of a TYPE_INT_(A)RGB raster is copied as it is.
 */
final class WebpPixels {

    private WebpPixels() {
    }

    /** The pixels as non-premultiplied 0xAARRGGBB, without a copy when the image already stores exactly that. */
    static int[] argb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if ((image.getType() == BufferedImage.TYPE_INT_ARGB || image.getType() == BufferedImage.TYPE_INT_RGB)
                && isPacked(image.getRaster(), w)) {
            return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        }
        return image.getRGB(0, 0, w, h, null, 0, w);
    }

    /** A native copy of the first {@code count} ints, in the platform's (little-endian) byte order. */
    static MemorySegment toNative(Arena arena, int[] pixels, int count) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_INT, count);
        MemorySegment.copy(pixels, 0, segment, ValueLayout.JAVA_INT, 0, count);
        return segment;
    }

    /**
     * An image of the BGRA pixels at {@code bgra} (tightly packed rows): TYPE_INT_ARGB with alpha, else TYPE_INT_RGB
     * with the alpha byte cleared, so the raster holds exactly what its colour model describes.
     */
    static BufferedImage fromNative(MemorySegment bgra, int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        MemorySegment.copy(bgra, ValueLayout.JAVA_INT, 0, data, 0, width * height);
        if (!alpha) {
            for (int i = 0; i < data.length; i++) {
                data[i] &= 0x00FF_FFFF;
            }
        }
        return image;
    }

    /** A raster whose int[] holds exactly width x height pixels from index 0, row after row (not a sub-image). */
    private static boolean isPacked(WritableRaster raster, int width) {
        return raster.getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1
                && buffer.getOffset() == 0
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == width
                && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0
                && buffer.getSize() >= width * raster.getHeight();
    }
}
