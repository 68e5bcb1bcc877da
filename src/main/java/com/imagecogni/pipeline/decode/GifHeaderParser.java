package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.ImageFormat;

/**
 * GIF: logical screen size, then a walk over every block to count frames and catch truncation without decoding LZW
 * data. The canvas is the screen grown to every frame; the decoder allocates the first frame's size, which the header
 * carries so the decoded image can be held to it.
 */
final class GifHeaderParser {

    private GifHeaderParser() {
    }

    static ImageHeader parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes, true);
        int width = r.u16(6);
        int height = r.u16(8);
        long pos = 13 + colorTableSize(r.u8(10));
        int frames = 0;
        int firstWidth = 0;
        int firstHeight = 0;
        while (true) {
            if (!r.has(pos, 1) && frames > 0) {
                break; // a missing trailer after complete frames is common and harmless
            }
            int block = r.u8(pos);
            if (block == 0x3B) {
                break;
            } else if (block == 0x21) {
                checkExtension(r, pos);
                pos = skipSubBlocks(r, pos + 2);
            } else if (block == 0x2C) {
                int frameWidth = r.u16(pos + 5);
                int frameHeight = r.u16(pos + 7);
                if (frameWidth == 0 || frameHeight == 0) {
                    throw HeaderReader.corrupt("GIF frame " + (frames + 1) + " is empty (" + frameWidth + "x"
                            + frameHeight + ")");
                }
                if (frames == 0) {
                    firstWidth = frameWidth;
                    firstHeight = frameHeight;
                }
                width = Math.max(width, r.u16(pos + 1) + frameWidth);
                height = Math.max(height, r.u16(pos + 3) + frameHeight);
                pos += 10 + colorTableSize(r.u8(pos + 9));
                int codeSize = r.u8(pos);
                if (codeSize < 1 || codeSize > 8) {
                    throw HeaderReader.corrupt("GIF frame " + (frames + 1) + " has an invalid LZW code size " + codeSize);
                }
                pos = skipSubBlocks(r, pos + 1);
                frames++;
            } else {
                throw HeaderReader.corrupt("GIF has an unknown block 0x" + Integer.toHexString(block) + " at byte " + pos);
            }
        }
        if (frames == 0) {
            throw HeaderReader.corrupt("GIF contains no image");
        }
        // the decoder returns the first frame at its own size, not the logical screen
        return new ImageHeader(ImageFormat.GIF, width, height, frames, 1, firstWidth, firstHeight);
    }

    /**
     * The decoders do not all walk an extension as sub-blocks: the JDK's reader (the first frame) reads a Graphic
     * Control Extension as 4 bytes and a terminator whatever its length byte says, and after the first block of a
     * plain-text or application extension reads on as sub-blocks even when that first block was the terminator. A
     * file that makes them part ways from this walk could hide an image descriptor from it (the decoder then
     * allocates a size nobody checked), so it is refused: GIF89a fixes these blocks at 4, 12 and 11 bytes.
     */
    private static void checkExtension(ByteReader r, long pos) {
        int label = r.u8(pos + 1);
        int first = r.u8(pos + 2);
        if (label == 0xF9 && (first != 4 || r.u8(pos + 3 + 4) != 0)) {
            throw HeaderReader.corrupt("GIF graphic control extension at byte " + pos + " is not one 4-byte block"
                    + " (its first block has " + first + " bytes)");
        }
        if ((label == 0x01 || label == 0xFF) && first == 0) {
            throw HeaderReader.corrupt("GIF " + (label == 0x01 ? "plain text" : "application")
                    + " extension at byte " + pos + " is empty");
        }
    }

    private static long colorTableSize(int packed) {
        return (packed & 0x80) != 0 ? 3L * (1 << ((packed & 0x07) + 1)) : 0;
    }

    private static long skipSubBlocks(ByteReader r, long pos) {
        int size;
        while ((size = r.u8(pos)) != 0) {
            pos += 1 + size;
        }
        return pos + 1;
    }
}
