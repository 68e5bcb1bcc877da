package com.imagecogni.pipeline.decode;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks the canvas each derived image of a HEIF file (a {@code grid} or an {@code iovl} overlay) declares in its own
 * data against the size its {@code ispe} property declares, before libheif sees the file. libheif 1.15 reports the
 * {@code ispe} size for the image handle, which the pixel limit is checked against, but allocates the canvas from the
 * grid data: a 562-byte file found by fuzzing declares 16x16 and a 26725x30328 canvas, and libheif crashes the whole
 * process (SIGSEGV) filling it. A canvas other than the declared size is refused as {@code corrupt_image} here; the
 * HEIF standard requires them to be equal, and the decoder refuses a decoded plane of another size anyway.
 */
final class HeifCanvases {

    private static final int MAX_ENTRIES = 4096;
    private static final int CONSTRUCTION_FILE = 0;
    private static final int CONSTRUCTION_IDAT = 1;

    private HeifCanvases() {
    }

    static void check(byte[] file) {
        ByteReader r = new ByteReader(file, false);
        long[] meta = HeifItemReferences.findBox(r, 0, file.length, "meta");
        if (meta == null) {
            return; // libheif refuses a file without meta itself
        }
        long from = meta[0] + 4; // meta is a full box: skip version and flags
        Map<Long, String> derived = derivedItems(r, HeifItemReferences.findBox(r, from, meta[1], "iinf"));
        if (derived.isEmpty()) {
            return;
        }
        long[] iloc = HeifItemReferences.findBox(r, from, meta[1], "iloc");
        long[] idat = HeifItemReferences.findBox(r, from, meta[1], "idat");
        Map<Long, long[]> declared = declaredSizes(r, HeifItemReferences.findBox(r, from, meta[1], "iprp"));
        for (Map.Entry<Long, String> item : derived.entrySet()) {
            long[] data = iloc == null ? null : location(r, iloc, idat, item.getKey());
            if (data == null) {
                continue; // no data libheif can read: it refuses the item itself
            }
            long[] canvas = canvas(r, data, item.getValue());
            long[] size = declared.get(item.getKey());
            if (size == null || size[0] != canvas[0] || size[1] != canvas[1]) {
                throw HeaderReader.corrupt("the HEIF " + item.getValue() + " item " + item.getKey() + " declares a "
                        + canvas[0] + "x" + canvas[1] + " canvas but "
                        + (size == null ? "no image size" : "an image size of " + size[0] + "x" + size[1]));
            }
        }
    }

    /** Item id → type of the items whose pixels libheif composes from other items ({@code grid}, {@code iovl}). */
    private static Map<Long, String> derivedItems(ByteReader r, long[] iinf) {
        Map<Long, String> derived = new HashMap<>();
        if (iinf == null) {
            return derived;
        }
        long at = iinf[0] + (r.u8(iinf[0]) == 0 ? 6 : 8); // version, flags, entry count (16 or 32 bits)
        int boxes = 0;
        while (at + 8 <= iinf[1] && ++boxes <= MAX_ENTRIES) {
            long size = r.u32(at);
            if (size < 8 || at + size > iinf[1]) {
                throw HeaderReader.corrupt("the HEIF item list is malformed");
            }
            int version = r.u8(at + 8);
            if (r.matches(at + 4, "infe") && version >= 2) {
                long id = version == 2 ? r.u16(at + 12) : r.u32(at + 12);
                String type = r.ascii(at + (version == 2 ? 16 : 18), 4); // after the protection index
                if (type.equals("grid") || type.equals("iovl")) {
                    derived.put(id, type);
                }
            }
            at += size;
        }
        return derived;
    }

    /** Item id → {width, height} of its {@code ispe} property, from the property container and its associations. */
    private static Map<Long, long[]> declaredSizes(ByteReader r, long[] iprp) {
        Map<Long, long[]> sizes = new HashMap<>();
        long[] ipco = iprp == null ? null : HeifItemReferences.findBox(r, iprp[0], iprp[1], "ipco");
        long[] ipma = iprp == null ? null : HeifItemReferences.findBox(r, iprp[0], iprp[1], "ipma");
        if (ipco == null || ipma == null) {
            return sizes;
        }
        Map<Integer, long[]> extents = new HashMap<>(); // 1-based property index → ispe
        long at = ipco[0];
        for (int index = 1; at + 8 <= ipco[1] && index <= MAX_ENTRIES; index++) {
            long size = r.u32(at);
            if (size < 8 || at + size > ipco[1]) {
                throw HeaderReader.corrupt("the HEIF property container is malformed");
            }
            if (r.matches(at + 4, "ispe") && size >= 20) {
                extents.put(index, new long[] {r.u32(at + 12), r.u32(at + 16)}); // after version and flags
            }
            at += size;
        }
        int version = r.u8(ipma[0]);
        boolean wideIndex = (r.u8(ipma[0] + 3) & 1) != 0;
        long entries = r.u32(ipma[0] + 4);
        at = ipma[0] + 8;
        for (long e = 0; e < entries && e < MAX_ENTRIES; e++) {
            long id = version < 1 ? r.u16(at) : r.u32(at);
            at += version < 1 ? 2 : 4;
            int associations = r.u8(at++);
            for (int a = 0; a < associations; a++) {
                int index = wideIndex ? r.u16(at) & 0x7FFF : r.u8(at) & 0x7F;
                at += wideIndex ? 2 : 1;
                long[] extent = extents.get(index);
                if (extent != null) {
                    sizes.put(id, extent);
                }
            }
        }
        return sizes;
    }

    /** {start, end} in the file of an item's data, or null when it is stored some way libheif 1.15 does not read. */
    private static long[] location(ByteReader r, long[] iloc, long[] idat, long item) {
        int version = r.u8(iloc[0]);
        int offsetSize = r.u8(iloc[0] + 4) >> 4;
        int lengthSize = r.u8(iloc[0] + 4) & 0xF;
        int baseOffsetSize = r.u8(iloc[0] + 5) >> 4;
        int indexSize = version == 1 || version == 2 ? r.u8(iloc[0] + 5) & 0xF : 0;
        long count = version < 2 ? r.u16(iloc[0] + 6) : r.u32(iloc[0] + 6);
        long at = iloc[0] + (version < 2 ? 8 : 10);
        for (long i = 0; i < count && i < MAX_ENTRIES; i++) {
            long id = version < 2 ? r.u16(at) : r.u32(at);
            at += version < 2 ? 2 : 4;
            int construction = CONSTRUCTION_FILE;
            if (version == 1 || version == 2) {
                construction = r.u16(at) & 0xF;
                at += 2;
            }
            at += 2; // data reference index
            long base = sized(r, at, baseOffsetSize);
            at += baseOffsetSize;
            int extentCount = r.u16(at);
            at += 2;
            if (id == item) {
                if (extentCount != 1) {
                    // a derived image's descriptor is 8 to 20 bytes: no writer splits it
                    throw HeaderReader.corrupt("the HEIF item " + item + "'s data is split into " + extentCount + " parts");
                }
                long offset = base + sized(r, at + indexSize, offsetSize);
                long length = sized(r, at + indexSize + offsetSize, lengthSize);
                return switch (construction) {
                    case CONSTRUCTION_FILE -> span(offset, length, 0, r.length());
                    case CONSTRUCTION_IDAT -> idat == null ? null : span(offset, length, idat[0], idat[1]);
                    default -> null;
                };
            }
            at += (long) extentCount * (indexSize + offsetSize + lengthSize);
        }
        return null;
    }

    /** {start, end} of {@code length} bytes (0: all that follow) at {@code offset} within [from, to). */
    private static long[] span(long offset, long length, long from, long to) {
        long start = from + offset;
        long end = length == 0 ? to : start + length;
        if (offset < 0 || start > to || end > to || end < start) {
            throw HeaderReader.corrupt("the HEIF item data lies outside the file");
        }
        return new long[] {start, end};
    }

    /** An unsigned field of 0, 4 or 8 bytes (iloc's sizes); 8-byte values past 2^32 are outside any accepted file. */
    private static long sized(ByteReader r, long at, int bytes) {
        return switch (bytes) {
            case 0 -> 0;
            case 4 -> r.u32(at);
            case 8 -> {
                if (r.u32(at) != 0) {
                    throw HeaderReader.corrupt("the HEIF item data lies outside the file");
                }
                yield r.u32(at + 4);
            }
            default -> throw HeaderReader.corrupt("the HEIF item locations use a field of " + bytes + " bytes");
        };
    }

    /** {width, height} of the canvas a grid or overlay descriptor declares (ISO/IEC 23008-12 6.6.2.3, 6.6.2.2). */
    private static long[] canvas(ByteReader r, long[] data, String type) {
        ByteReader d = r.region(data[0], data[1] - data[0]);
        boolean wide = (d.u8(1) & 1) != 0;
        long at = type.equals("grid") ? 4 : 10; // version, flags, then rows and columns or four fill values
        return wide ? new long[] {d.u32(at), d.u32(at + 4)} : new long[] {d.u16(at), d.u16(at + 2)};
    }
}
