package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

/** What the header says before any pixel is decoded: format, size, frame count and EXIF orientation (1..8). */
public record ImageHeader(ImageFormat format, int width, int height, int frames, int orientation) {

    public ImageHeader {
        if (orientation < 1 || orientation > 8) {
            orientation = 1;
        }
    }

    /** Pixels of every frame together; long because a lying header can declare far more than an int holds. */
    public long totalPixels() {
        return (long) width * height * Math.max(1, frames);
    }
}
