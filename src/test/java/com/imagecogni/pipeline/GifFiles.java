package com.imagecogni.pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Animated GIFs written byte by byte, so a test controls every field a reader sees: the logical screen, each frame's
 * position, size, local palette, disposal method, delay and transparent index, the NETSCAPE2.0 loop count (or none),
 * the trailer. The LZW data is "uncompressed" (a clear code before every 254 literal codes, 9-bit codes throughout),
 * which every decoder reads and which keeps the writer a few lines long.
 */
public final class GifFiles {

    /** Disposal methods of the Graphic Control Extension (GIF89a section 23). */
    public static final int KEEP = 1;
    public static final int RESTORE_TO_BACKGROUND = 2;
    public static final int RESTORE_TO_PREVIOUS = 3;

    private GifFiles() {
    }

    /**
     * One image descriptor with its Graphic Control Extension.
     *
     * @param palette up to 256 RGB colours (0xRRGGBB), written as the frame's local colour table; empty for none
     * @param indices one palette index per pixel, row by row
     * @param delayCs the delay in 1/100 s
     * @param transparentIndex the palette index drawn as transparent, or -1 for an opaque frame
     */
    public record Frame(int x, int y, int width, int height, int[] palette, byte[] indices, int delayCs, int disposal,
            int transparentIndex) {

        public Frame {
            if (indices.length != width * height) {
                throw new IllegalArgumentException(indices.length + " indices for a " + width + "x" + height + " frame");
            }
        }

        /** A frame of one colour. */
        public static Frame solid(int x, int y, int width, int height, int rgb, int delayCs, int disposal) {
            return new Frame(x, y, width, height, new int[] {rgb, 0}, new byte[width * height], delayCs, disposal, -1);
        }
    }

    public static Builder screen(int width, int height) {
        return new Builder(width, height);
    }

    /** Palette indices for a frame, painted rectangle by rectangle. */
    public static final class Pixels {
        private final int width;
        private final byte[] indices;

        public Pixels(int width, int height, int fill) {
            this.width = width;
            this.indices = new byte[width * height];
            Arrays.fill(indices, (byte) fill);
        }

        public Pixels rect(int x, int y, int w, int h, int index) {
            for (int row = y; row < y + h; row++) {
                Arrays.fill(indices, row * width + x, row * width + x + w, (byte) index);
            }
            return this;
        }

        public byte[] indices() {
            return indices.clone();
        }
    }

    public static final class Builder {
        private final int width;
        private final int height;
        private final List<byte[]> blocks = new ArrayList<>();
        private Integer loop;
        private boolean trailer = true;

        private Builder(int width, int height) {
            this.width = width;
            this.height = height;
        }

        /** A NETSCAPE2.0 extension with this loop count (0 = forever) first; without a call there is none. */
        public Builder netscapeLoop(int count) {
            this.loop = count;
            return this;
        }

        public Builder frame(Frame f) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(control(f.delayCs(), f.disposal(), f.transparentIndex()));
            out.writeBytes(descriptor(f.x(), f.y(), f.width(), f.height(), f.palette()));
            out.writeBytes(lzw(f.indices()));
            blocks.add(out.toByteArray());
            return this;
        }

        /**
         * An image whose LZW data is given as is (code size byte and sub-blocks included): what a decoder makes of
         * data no encoder would write. No Graphic Control Extension unless added with {@link #raw}.
         */
        public Builder image(int x, int y, int w, int h, int[] palette, byte[] lzwData) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(descriptor(x, y, w, h, palette));
            out.writeBytes(lzwData);
            blocks.add(out.toByteArray());
            return this;
        }

        /** Bytes written where they stand, between the other blocks. */
        public Builder raw(byte... bytes) {
            blocks.add(bytes.clone());
            return this;
        }

        /** Leaves out the 0x3B trailer, as some encoders do. */
        public Builder withoutTrailer() {
            this.trailer = false;
            return this;
        }

        public byte[] build() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
            short16(out, width);
            short16(out, height);
            out.write(0); // no global colour table
            out.write(0); // background index
            out.write(0); // aspect ratio
            if (loop != null) {
                out.write(0x21);
                out.write(0xFF);
                out.write(11);
                out.writeBytes("NETSCAPE2.0".getBytes(StandardCharsets.US_ASCII));
                out.write(3);
                out.write(1);
                short16(out, loop);
                out.write(0);
            }
            blocks.forEach(out::writeBytes);
            if (trailer) {
                out.write(0x3B);
            }
            return out.toByteArray();
        }
    }

    /** A Graphic Control Extension. */
    public static byte[] control(int delayCs, int disposal, int transparentIndex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x21);
        out.write(0xF9);
        out.write(4);
        out.write((disposal << 2) | (transparentIndex >= 0 ? 1 : 0));
        short16(out, delayCs);
        out.write(Math.max(0, transparentIndex));
        out.write(0);
        return out.toByteArray();
    }

    /** An image descriptor and its local colour table (none when {@code palette} is empty). */
    private static byte[] descriptor(int x, int y, int w, int h, int[] palette) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x2C);
        short16(out, x);
        short16(out, y);
        short16(out, w);
        short16(out, h);
        int tableBits = 1;
        while ((1 << tableBits) < palette.length) {
            tableBits++;
        }
        out.write(palette.length == 0 ? 0 : 0x80 | (tableBits - 1));
        for (int i = 0; palette.length > 0 && i < 1 << tableBits; i++) {
            int rgb = i < palette.length ? palette[i] : 0;
            out.write(rgb >> 16 & 0xFF);
            out.write(rgb >> 8 & 0xFF);
            out.write(rgb & 0xFF);
        }
        return out.toByteArray();
    }

    /** Minimum code size 8, then 9-bit codes only: a clear code before each run of 254 literals, then end of data. */
    public static byte[] lzw(byte[] indices) {
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        int bits = 0;
        int nbits = 0;
        List<Integer> stream = new ArrayList<>();
        for (int i = 0; i < indices.length; i++) {
            if (i % 254 == 0) {
                stream.add(256);
            }
            stream.add(indices[i] & 0xFF);
        }
        stream.add(257);
        for (int code : stream) {
            bits |= code << nbits;
            nbits += 9;
            while (nbits >= 8) {
                codes.write(bits & 0xFF);
                bits >>>= 8;
                nbits -= 8;
            }
        }
        if (nbits > 0) {
            codes.write(bits & 0xFF);
        }
        byte[] data = codes.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(8);
        for (int pos = 0; pos < data.length; pos += 255) {
            int n = Math.min(255, data.length - pos);
            out.write(n);
            out.write(data, pos, n);
        }
        out.write(0);
        return out.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >> 8 & 0xFF);
    }
}
