package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

/** WebP: RIFF chunks; size from VP8 / VP8L / VP8X, frames counted from ANMF chunks, orientation from an EXIF chunk. */
final class WebpHeaderParser {

    private WebpHeaderParser() {
    }

    static ImageHeader parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes, true);
        long riffEnd = Math.min(8 + r.u32(4), r.length());
        int width = 0;
        int height = 0;
        int frames = 0;
        int orientation = 1;
        boolean extended = false;
        long pos = 12;
        while (pos + 8 <= riffEnd) {
            long size = r.u32(pos + 4);
            long data = pos + 8;
            if (!r.has(data, size)) {
                throw HeaderReader.corrupt("WebP chunk at byte " + pos + " runs past the end of the file");
            }
            if (r.matches(pos, "VP8X") && pos == 12) {
                extended = true;
                width = r.u24le(data + 4) + 1;
                height = r.u24le(data + 7) + 1;
            } else if (r.matches(pos, "VP8 ") && !extended) {
                if (r.u8(data + 3) != 0x9D || r.u8(data + 4) != 0x01 || r.u8(data + 5) != 0x2A) {
                    throw HeaderReader.corrupt("WebP VP8 frame has no start code");
                }
                width = r.u16(data + 6) & 0x3FFF;
                height = r.u16(data + 8) & 0x3FFF;
                frames = 1;
            } else if (r.matches(pos, "VP8L") && !extended) {
                if (r.u8(data) != 0x2F) {
                    throw HeaderReader.corrupt("WebP lossless frame has no signature");
                }
                long bits = r.u32(data + 1);
                width = (int) (bits & 0x3FFF) + 1;
                height = (int) ((bits >> 14) & 0x3FFF) + 1;
                frames = 1;
            } else if (r.matches(pos, "ANMF")) {
                frames++;
            } else if (r.matches(pos, "EXIF")) {
                int skip = r.matches(data, "Exif\0\0") ? 6 : 0;
                orientation = ExifOrientation.read(bytes, (int) data + skip, (int) size - skip);
            } else if (extended && (r.matches(pos, "VP8 ") || r.matches(pos, "VP8L"))) {
                frames = Math.max(frames, 1);
            }
            pos = data + size + (size & 1);
        }
        if (width == 0 || frames == 0) {
            throw HeaderReader.corrupt("WebP contains no image data");
        }
        return new ImageHeader(ImageFormat.WEBP, width, height, frames, orientation);
    }
}
