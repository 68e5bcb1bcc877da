package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

/**
 * What the header says before any pixel is decoded: format, canvas size, frame count, EXIF orientation (1..8), and
 * the size of the image the decoder will produce, which the decoded raster must match exactly.
 *
 * @param frameWidth width of the image the decoder returns: the first frame of a GIF, the canvas elsewhere
 * @param frameHeight height of that image
 */
public record ImageHeader(ImageFormat format, int width, int height, int frames, int orientation,
        int frameWidth, int frameHeight) {

    public ImageHeader {
        if (orientation < 1 || orientation > 8) {
            orientation = 1;
        }
    }

    /** A header whose decoded image is the whole canvas (every format but GIF). */
    public ImageHeader(ImageFormat format, int width, int height, int frames, int orientation) {
        this(format, width, height, frames, orientation, width, height);
    }

    /** Pixels of every frame together; long because a lying header can declare far more than an int holds. */
    public long totalPixels() {
        return (long) width * height * Math.max(1, frames);
    }
}
