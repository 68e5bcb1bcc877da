package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

/** PNG: the first chunk must be IHDR, which holds width and height as big-endian 32-bit values. */
final class PngHeaderParser {

    private PngHeaderParser() {
    }

    static ImageHeader parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes, false);
        if (r.u32(8) != 13 || !r.matches(12, "IHDR")) {
            throw HeaderReader.corrupt("PNG does not start with an IHDR chunk");
        }
        long width = r.u32(16);
        long height = r.u32(20);
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw HeaderReader.corrupt("PNG declares an impossible size " + width + "x" + height);
        }
        // APNG animation frames are not decoded (ImageIO shows the default image), so one frame is counted.
        return new ImageHeader(ImageFormat.PNG, (int) width, (int) height, 1, 1);
    }
}
