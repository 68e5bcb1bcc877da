package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * WebP: walks every RIFF chunk and accepts only the layouts libwebp decodes the same way: a simple file is one VP8 or
 * VP8L chunk first; an extended file is VP8X first, then (still) exactly one image chunk whose size equals the canvas,
 * or (animated) ANMF frames inside the canvas. libwebp decodes the first image chunk it meets, so a second image chunk
 * would let the size checked here differ from the size decoded: such files are refused, not guessed at.
 */
final class WebpHeaderParser {

    private static final int FLAG_ANIMATION = 0x02;
    /** Chunks that carry or shape pixels; any of them out of place makes the decoded image differ from this parse. */
    private static final List<String> IMAGE_CHUNKS = List.of("VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF");

    private WebpHeaderParser() {
    }

    /** One RIFF chunk: its four-character code, where its payload starts and how long it is. */
    private record Chunk(String fourcc, long start, long data, long size) {
    }

    static ImageHeader parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes, true);
        List<Chunk> chunks = chunks(r);
        Chunk first = chunks.get(0);
        return switch (first.fourcc()) {
            case "VP8 ", "VP8L" -> simple(r, bytes, chunks);
            case "VP8X" -> extended(r, bytes, chunks);
            default -> throw HeaderReader.corrupt("WebP must start with a VP8, VP8L or VP8X chunk, not '"
                    + first.fourcc() + "'");
        };
    }

    /** Every chunk inside the RIFF size, each checked to lie inside the file. */
    private static List<Chunk> chunks(ByteReader r) {
        long riffEnd = 8 + r.u32(4);
        if (riffEnd > r.length()) {
            throw HeaderReader.corrupt("WebP declares " + riffEnd + " bytes but the file has " + r.length());
        }
        List<Chunk> chunks = new ArrayList<>();
        long pos = 12;
        while (pos + 8 <= riffEnd) {
            long size = r.u32(pos + 4);
            long data = pos + 8;
            if (size > riffEnd - data) {
                throw HeaderReader.corrupt("WebP chunk at byte " + pos + " runs past the end of the file");
            }
            chunks.add(new Chunk(fourcc(r, pos), pos, data, size));
            pos = data + size + (size & 1);
        }
        if (chunks.isEmpty()) {
            throw HeaderReader.corrupt("WebP contains no image data");
        }
        return chunks;
    }

    private static ImageHeader simple(ByteReader r, byte[] bytes, List<Chunk> chunks) {
        for (Chunk c : chunks.subList(1, chunks.size())) {
            if (IMAGE_CHUNKS.contains(c.fourcc())) {
                throw HeaderReader.corrupt("WebP has a '" + c.fourcc() + "' chunk at byte " + c.start()
                        + " after its image chunk; a simple WebP holds exactly one image");
            }
        }
        int[] size = imageSize(r, chunks.get(0));
        return new ImageHeader(ImageFormat.WEBP, size[0], size[1], 1, orientation(r, bytes, chunks));
    }

    private static ImageHeader extended(ByteReader r, byte[] bytes, List<Chunk> chunks) {
        Chunk vp8x = chunks.get(0);
        if (vp8x.size() < 10) {
            throw HeaderReader.corrupt("WebP VP8X chunk is too short");
        }
        int flags = r.u8(vp8x.data());
        int width = r.u24le(vp8x.data() + 4) + 1;
        int height = r.u24le(vp8x.data() + 7) + 1;
        int orientation = orientation(r, bytes, chunks);
        List<Chunk> rest = chunks.subList(1, chunks.size());
        if ((flags & FLAG_ANIMATION) != 0) {
            return new ImageHeader(ImageFormat.WEBP, width, height, frames(r, rest, width, height), orientation);
        }
        Chunk image = null;
        boolean alpha = false;
        for (Chunk c : rest) {
            switch (c.fourcc()) {
                case "VP8 ", "VP8L" -> {
                    if (image != null) {
                        throw HeaderReader.corrupt("WebP has a second image chunk at byte " + c.start());
                    }
                    image = c;
                }
                case "ALPH" -> {
                    if (alpha || image != null) {
                        throw HeaderReader.corrupt("WebP has an alpha chunk out of place at byte " + c.start());
                    }
                    alpha = true;
                }
                case "VP8X", "ANIM", "ANMF" -> throw HeaderReader.corrupt("WebP has a '" + c.fourcc()
                        + "' chunk at byte " + c.start() + " but is not an animation");
                default -> { } // ICCP, EXIF, XMP and unknown chunks: skipped by the decoder, sized by the walk
            }
        }
        if (image == null) {
            throw HeaderReader.corrupt("WebP contains no image data");
        }
        int[] size = imageSize(r, image);
        if (size[0] != width || size[1] != height) {
            throw HeaderReader.corrupt("WebP image chunk is " + size[0] + "x" + size[1] + " but the canvas is "
                    + width + "x" + height);
        }
        return new ImageHeader(ImageFormat.WEBP, width, height, 1, orientation);
    }

    /** ANMF frames of an animation, each inside the canvas; still image chunks beside them are refused. */
    private static int frames(ByteReader r, List<Chunk> chunks, int canvasWidth, int canvasHeight) {
        int frames = 0;
        for (Chunk c : chunks) {
            switch (c.fourcc()) {
                case "ANMF" -> {
                    if (c.size() < 16) {
                        throw HeaderReader.corrupt("WebP animation frame at byte " + c.start() + " is too short");
                    }
                    long x = 2L * r.u24le(c.data());
                    long y = 2L * r.u24le(c.data() + 3);
                    long w = r.u24le(c.data() + 6) + 1L;
                    long h = r.u24le(c.data() + 9) + 1L;
                    if (x + w > canvasWidth || y + h > canvasHeight) {
                        throw HeaderReader.corrupt("WebP animation frame " + (frames + 1) + " (" + w + "x" + h
                                + " at " + x + "," + y + ") lies outside the " + canvasWidth + "x" + canvasHeight
                                + " canvas");
                    }
                    frames++;
                }
                case "VP8 ", "VP8L", "ALPH", "VP8X" -> throw HeaderReader.corrupt("WebP animation has a '"
                        + c.fourcc() + "' chunk outside its frames at byte " + c.start());
                default -> { }
            }
        }
        if (frames == 0) {
            throw HeaderReader.corrupt("WebP animation has no frames");
        }
        return frames;
    }

    /** Width and height from a VP8 key frame or VP8L header, with the checks libwebp makes before decoding it. */
    private static int[] imageSize(ByteReader r, Chunk c) {
        long d = c.data();
        if (c.fourcc().equals("VP8L")) {
            if (c.size() < 5 || r.u8(d) != 0x2F) {
                throw HeaderReader.corrupt("WebP lossless frame has no signature");
            }
            long bits = r.u32(d + 1);
            if ((bits >>> 29) != 0) {
                throw HeaderReader.corrupt("WebP lossless frame has an unknown version " + (bits >>> 29));
            }
            return new int[] {(int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1};
        }
        if (c.size() < 10 || r.u8(d + 3) != 0x9D || r.u8(d + 4) != 0x01 || r.u8(d + 5) != 0x2A) {
            throw HeaderReader.corrupt("WebP VP8 frame has no start code");
        }
        long tag = r.u24le(d);
        boolean keyFrame = (tag & 1) == 0;
        boolean shown = ((tag >>> 4) & 1) == 1;
        long firstPartition = tag >>> 5;
        if (!keyFrame || ((tag >>> 1) & 7) > 3 || !shown || firstPartition >= c.size()) {
            throw HeaderReader.corrupt("WebP VP8 frame header is invalid (not a visible key frame of a known profile)");
        }
        return new int[] {r.u16(d + 6) & 0x3FFF, r.u16(d + 8) & 0x3FFF};
    }

    private static int orientation(ByteReader r, byte[] bytes, List<Chunk> chunks) {
        for (Chunk c : chunks) {
            if (c.fourcc().equals("EXIF")) {
                int skip = r.matches(c.data(), "Exif\0\0") ? 6 : 0;
                return ExifOrientation.read(bytes, (int) c.data() + skip, (int) c.size() - skip);
            }
        }
        return 1;
    }

    /** The chunk's code as text fit for a message: anything but letters, digits and spaces shows as '?'. */
    private static String fourcc(ByteReader r, long pos) {
        StringBuilder s = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = r.u8(pos + i);
            s.append(Character.isLetterOrDigit(c) && c < 128 || c == ' ' ? (char) c : '?');
        }
        return s.toString();
    }
}
