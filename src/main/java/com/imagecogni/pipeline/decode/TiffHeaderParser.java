package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.model.ImageFormat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * TIFF: IFD0 read the way the JDK reader reads it, and every size that reader allocates from bounded here: each tag's
 * values lie inside the file; samples and bits per pixel are few; a tile or strip buffer is no larger than the image
 * (or a small fixed allowance, since tiles may overhang small images); the strip/tile table has exactly one entry per
 * tile of the image, each inside the file; JPEG-compressed tiles are no larger than their tile; the ICC profile is no
 * larger than its tag. Only page 1 is decoded.
 */
final class TiffHeaderParser {

    private static final int TAG_WIDTH = 256;
    private static final int TAG_HEIGHT = 257;
    private static final int TAG_BITS_PER_SAMPLE = 258;
    private static final int TAG_COMPRESSION = 259;
    private static final int TAG_STRIP_OFFSETS = 273;
    private static final int TAG_SAMPLES_PER_PIXEL = 277;
    private static final int TAG_ROWS_PER_STRIP = 278;
    private static final int TAG_STRIP_BYTE_COUNTS = 279;
    private static final int TAG_PLANAR_CONFIGURATION = 284;
    private static final int TAG_TILE_WIDTH = 322;
    private static final int TAG_TILE_LENGTH = 323;
    private static final int TAG_TILE_OFFSETS = 324;
    private static final int TAG_TILE_BYTE_COUNTS = 325;
    private static final int TAG_ICC_PROFILE = 34675;
    private static final int COMPRESSION_OLD_JPEG = 6;
    private static final int COMPRESSION_JPEG = 7;
    /** None, CCITT RLE/T.4/T.6, LZW, JPEG, Deflate (both codes), PackBits: the JDK reader's decompressors. */
    private static final Set<Long> COMPRESSIONS = Set.of(1L, 2L, 3L, 4L, 5L, 7L, 8L, 32773L, 32946L);
    /** Bytes per value of TIFF field types 1..13; 0 for types the reader skips. */
    private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;
    private static final long STRIP_IS_WHOLE_IMAGE = 0xFFFF_FFFFL;
    /** A tile may overhang a small image: 1024x1024 pixels are allowed whatever the image size (8 MB at most). */
    private static final long FREE_TILE_PIXELS = 1L << 20;
    private static final int MAX_SAMPLES = 8;
    /** 16-bit RGBA: the widest pixel a photo needs; wider pixels multiply the raster beyond the pixel limit. */
    private static final int MAX_BITS_PER_PIXEL = 64;
    private static final int MAX_TABLE_ENTRIES = 1_000_000;

    private TiffHeaderParser() {
    }

    /** One IFD entry: its type, value count and the position of its values (inline or at an offset). */
    private record Entry(int tag, int type, long count, long values) {
    }

    static ImageHeader parse(byte[] bytes) {
        boolean little = bytes[0] == 'I';
        ByteReader r = new ByteReader(bytes, little);
        if (r.u16(2) != 42) {
            throw new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT, "BigTIFF is not supported");
        }
        long ifd = r.u32(4);
        Map<Integer, Entry> tags = entries(r, ifd);
        long width = single(r, tags, TAG_WIDTH, 0);
        long height = single(r, tags, TAG_HEIGHT, 0);
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw HeaderReader.corrupt("TIFF declares an impossible size " + width + "x" + height);
        }
        long compression = single(r, tags, TAG_COMPRESSION, 1);
        if (compression == COMPRESSION_OLD_JPEG || !COMPRESSIONS.contains(compression)) {
            throw new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT, "TIFF compression " + compression
                    + (compression == COMPRESSION_OLD_JPEG ? " (old-style JPEG)" : "") + " is not supported");
        }
        long samples = single(r, tags, TAG_SAMPLES_PER_PIXEL, 1);
        checkPixelDepth(r, tags, samples);
        long planar = single(r, tags, TAG_PLANAR_CONFIGURATION, 1);
        if (planar != 1 && planar != 2) {
            throw HeaderReader.corrupt("TIFF has an unknown planar configuration " + planar);
        }
        Layout layout = Layout.of(r, tags, width, height);
        long planes = planar == 2 ? samples : 1;
        // at most MAX_TABLE_ENTRIES offsets are read, so a larger grid cannot match; the guard keeps the product exact
        long segments = layout.across() > MAX_TABLE_ENTRIES / layout.down() ? Long.MAX_VALUE
                : layout.across() * layout.down() * planes;
        long[] offsets = values(r, tags.get(layout.offsetsTag()));
        long[] counts = values(r, tags.get(layout.countsTag()));
        if (offsets.length != segments || counts.length != segments) {
            throw HeaderReader.corrupt("TIFF lists " + offsets.length + " offsets and " + counts.length
                    + " byte counts, but a " + width + "x" + height + " image in " + layout.width() + "x"
                    + layout.height() + " " + layout.name() + "s needs " + segments);
        }
        for (int i = 0; i < offsets.length; i++) {
            if (!r.has(offsets[i], counts[i])) {
                throw HeaderReader.corrupt("TIFF image data is truncated");
            }
            if (compression == COMPRESSION_JPEG) {
                checkJpegSegment(r, offsets[i], counts[i], layout);
            }
        }
        checkIccProfile(r, tags.get(TAG_ICC_PROFILE));
        return new ImageHeader(ImageFormat.TIFF, (int) width, (int) height, 1, ExifOrientation.fromIfd(r, ifd));
    }

    /** Every entry of the IFD; each tag once, each value array inside the file. */
    private static Map<Integer, Entry> entries(ByteReader r, long ifd) {
        int count = r.u16(ifd);
        if (count == 0 || !r.has(ifd + 2, 12L * count)) {
            throw HeaderReader.corrupt("TIFF directory is empty or truncated");
        }
        Map<Integer, Entry> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            long at = ifd + 2 + 12L * i;
            int type = r.u16(at + 2);
            long n = r.u32(at + 4);
            int unit = type < TYPE_SIZES.length ? TYPE_SIZES[type] : 0;
            long bytes = unit * n;
            long values = bytes <= 4 ? at + 8 : r.u32(at + 8);
            if (unit != 0 && !r.has(values, bytes)) {
                throw HeaderReader.corrupt("TIFF tag " + r.u16(at) + " declares " + bytes + " bytes outside the file");
            }
            Entry previous = tags.put(r.u16(at), new Entry(r.u16(at), type, n, values));
            if (previous != null) {
                throw HeaderReader.corrupt("TIFF tag " + previous.tag() + " appears twice");
            }
        }
        return tags;
    }

    private static void checkPixelDepth(ByteReader r, Map<Integer, Entry> tags, long samples) {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw HeaderReader.corrupt("TIFF has " + samples + " samples per pixel");
        }
        Entry bitsEntry = tags.get(TAG_BITS_PER_SAMPLE);
        long[] bits = bitsEntry == null ? new long[] {1} : values(r, bitsEntry);
        if (bits.length != 1 && bits.length != samples) {
            throw HeaderReader.corrupt("TIFF gives " + bits.length + " bit depths for " + samples + " samples");
        }
        long total = 0;
        for (int i = 0; i < samples; i++) {
            long b = bits[Math.min(i, bits.length - 1)];
            if (b < 1 || b > 16 && b != 32) {
                throw HeaderReader.corrupt("TIFF has an unsupported bit depth " + b);
            }
            total += b;
        }
        if (total > MAX_BITS_PER_PIXEL) {
            throw HeaderReader.corrupt("TIFF pixels are " + total + " bits wide; at most " + MAX_BITS_PER_PIXEL
                    + " are supported");
        }
    }

    /** Tiles or strips: their size and how many there are across and down. */
    private record Layout(String name, long width, long height, long across, long down, int offsetsTag, int countsTag) {

        static Layout of(ByteReader r, Map<Integer, Entry> tags, long width, long height) {
            boolean tiled = tags.containsKey(TAG_TILE_WIDTH) || tags.containsKey(TAG_TILE_LENGTH)
                    || tags.containsKey(TAG_TILE_OFFSETS);
            Layout layout;
            if (tiled) {
                layout = new Layout("tile", single(r, tags, TAG_TILE_WIDTH, 0), single(r, tags, TAG_TILE_LENGTH, 0),
                        0, 0, TAG_TILE_OFFSETS, TAG_TILE_BYTE_COUNTS);
            } else {
                long rows = single(r, tags, TAG_ROWS_PER_STRIP, STRIP_IS_WHOLE_IMAGE);
                // the reader reads the field as an int: all ones is -1, its "whole image"; any other value is used as is
                layout = new Layout("strip", width, rows == STRIP_IS_WHOLE_IMAGE ? height : rows, 0, 0,
                        TAG_STRIP_OFFSETS, TAG_STRIP_BYTE_COUNTS);
            }
            if (layout.width() < 1 || layout.height() < 1) {
                throw HeaderReader.corrupt("TIFF " + layout.name() + "s are " + layout.width() + "x" + layout.height());
            }
            // the decoder allocates one tile or strip buffer of this size, whatever the image size
            if (layout.width() > Math.max(FREE_TILE_PIXELS, width * height) / layout.height()) {
                throw HeaderReader.corrupt("TIFF " + layout.name() + "s of " + layout.width() + "x" + layout.height()
                        + " are larger than the " + width + "x" + height + " image");
            }
            if (!tags.containsKey(layout.offsetsTag()) || !tags.containsKey(layout.countsTag())) {
                throw HeaderReader.corrupt("TIFF has no " + layout.name() + " offsets or byte counts");
            }
            long across = (width + layout.width() - 1) / layout.width();
            long down = (height + layout.height() - 1) / layout.height();
            return new Layout(layout.name(), layout.width(), layout.height(), across, down, layout.offsetsTag(),
                    layout.countsTag());
        }
    }

    /** The reader decodes each JPEG tile into a raster of the JPEG's own frame size, which must fit the tile. */
    private static void checkJpegSegment(ByteReader r, long offset, long length, Layout layout) {
        int[] frame = JpegFrameSize.find(r.withOrder(false), offset, offset + length);
        if (frame == null) {
            throw HeaderReader.corrupt("TIFF JPEG " + layout.name() + " at byte " + offset + " has no frame header");
        }
        if (frame[0] > layout.width() || frame[1] > layout.height()) {
            throw HeaderReader.corrupt("TIFF JPEG " + layout.name() + " at byte " + offset + " is " + frame[0] + "x"
                    + frame[1] + ", larger than its " + layout.width() + "x" + layout.height() + " " + layout.name());
        }
    }

    /** The ICC profile's own size field (its first four bytes, big-endian) must not exceed the tag's bytes. */
    private static void checkIccProfile(ByteReader r, Entry icc) {
        if (icc == null) {
            return;
        }
        long declared = icc.count() >= 4 ? r.withOrder(false).u32(icc.values()) : -1;
        if (TYPE_SIZES[Math.min(icc.type(), TYPE_SIZES.length - 1)] != 1 || declared < 0 || declared > icc.count()) {
            throw HeaderReader.corrupt("TIFF ICC profile declares " + declared + " bytes but the tag holds "
                    + icc.count());
        }
    }

    /** A tag's only value, or {@code absent} when the tag is missing. */
    private static long single(ByteReader r, Map<Integer, Entry> tags, int tag, long absent) {
        Entry e = tags.get(tag);
        if (e == null) {
            return absent;
        }
        long[] v = values(r, e);
        if (v.length != 1) {
            throw HeaderReader.corrupt("TIFF tag " + tag + " has " + v.length + " values, expected one");
        }
        return v[0];
    }

    private static long[] values(ByteReader r, Entry e) {
        int unit = e.type() == TYPE_SHORT ? 2 : e.type() == TYPE_LONG ? 4 : 0;
        if (unit == 0 || e.count() < 1 || e.count() > MAX_TABLE_ENTRIES) {
            throw HeaderReader.corrupt("TIFF tag " + e.tag() + " has an unexpected type or count");
        }
        long[] out = new long[(int) e.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = unit == 2 ? r.u16(e.values() + 2L * i) : r.u32(e.values() + 4L * i);
        }
        return out;
    }
}
