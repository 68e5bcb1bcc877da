package com.imagecogni.pipeline.decode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * Checks a HEIF file's derivation graph (the {@code dimg} references of its {@code iref} box: grid tiles, overlays)
 * before libheif sees the file. libheif 1.15 follows those references recursively on new threads; a grid that lists
 * itself as a tile (a 562-byte file found by fuzzing) recurses until thread creation fails and the C++ runtime aborts
 * the whole process. A cycle, or more tiles than a real image has, is refused as {@code corrupt_image} here.
 */
public final class HeifItemReferences {

    /** Far more than any camera writes (an iPhone grid has 48 tiles; 1024 tiles of 512 px exceed the pixel limit). */
    static final int MAX_REFERENCES = 1024;
    private static final int MAX_BOXES = 4096;

    private HeifItemReferences() {
    }

    static void check(byte[] file) {
        ByteReader r = new ByteReader(file, false);
        long[] meta = findBox(r, 0, file.length, "meta");
        if (meta == null) {
            return; // libheif refuses a file without meta itself
        }
        long[] iref = findBox(r, meta[0] + 4, meta[1], "iref"); // meta is a full box: skip version and flags
        if (iref == null) {
            return;
        }
        boolean wideIds = r.u8(iref[0]) == 1;
        Map<Long, List<Long>> derived = new HashMap<>();
        int references = 0;
        long at = iref[0] + 4;
        int boxes = 0;
        while (at + 8 <= iref[1]) {
            long size = r.u32(at);
            if (size < 8 || at + size > iref[1] || ++boxes > MAX_BOXES) {
                throw HeaderReader.corrupt("the HEIF item references are malformed");
            }
            long p = at + 8;
            long from = wideIds ? r.u32(p) : r.u16(p);
            p += wideIds ? 4 : 2;
            int count = r.u16(p);
            p += 2;
            if (p + (long) count * (wideIds ? 4 : 2) > at + size) {
                throw HeaderReader.corrupt("the HEIF item references run past their box");
            }
            if (r.matches(at + 4, "dimg")) {
                references += count;
                if (references > MAX_REFERENCES) {
                    throw HeaderReader.corrupt("the HEIF image derives from more than " + MAX_REFERENCES + " tiles");
                }
                List<Long> targets = derived.computeIfAbsent(from, k -> new ArrayList<>());
                for (int i = 0; i < count; i++) {
                    targets.add(wideIds ? r.u32(p + 4L * i) : (long) r.u16(p + 2L * i));
                }
            }
            at += size;
        }
        for (Long item : derived.keySet()) {
            if (reachesItself(item, derived)) {
                throw HeaderReader.corrupt("the HEIF image derives from itself (item " + item + ")");
            }
        }
    }

    /** Iterative depth-first search: bounded by the references already counted, no recursion on attacker data. */
    private static boolean reachesItself(long start, Map<Long, List<Long>> derived) {
        Deque<Long> pending = new ArrayDeque<>(derived.getOrDefault(start, List.of()));
        Set<Long> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            long item = pending.pop();
            if (item == start) {
                return true;
            }
            if (seen.add(item)) {
                pending.addAll(derived.getOrDefault(item, List.of()));
            }
        }
        return false;
    }

    /**
     * The largest {@code ispe} (image spatial extent) property of the file, in pixels, read without libheif: every
     * image item, the primary one, its grid and its tiles, has one, so this bounds the primary image's size. 0 when
     * there is none (libheif will refuse the file). For the worker's memory planning, which must not call native code
     * outside the crash record.
     */
    public static long largestImagePixels(byte[] file) {
        ByteReader r = new ByteReader(file, false);
        long[] meta = findBox(r, 0, file.length, "meta");
        long[] iprp = meta == null ? null : findBox(r, meta[0] + 4, meta[1], "iprp");
        long[] ipco = iprp == null ? null : findBox(r, iprp[0], iprp[1], "ipco");
        if (ipco == null) {
            return 0;
        }
        long largest = 0;
        long at = ipco[0];
        int boxes = 0;
        while (at + 8 <= ipco[1] && r.has(at, 8) && ++boxes <= MAX_BOXES) {
            long size = r.u32(at);
            if (size < 8 || at + size > ipco[1]) {
                break;
            }
            if (r.matches(at + 4, "ispe") && size >= 20) {
                long width = r.u32(at + 12); // after version and flags
                long height = r.u32(at + 16);
                // two 32-bit sides can overflow a long: saturate, the caller only compares with the limit
                long pixels = width != 0 && height > Long.MAX_VALUE / width ? Long.MAX_VALUE : width * height;
                largest = Math.max(largest, pixels);
            }
            at += size;
        }
        return largest;
    }

    /** {start of payload, end} of the first box of {@code type} among the boxes in [from, to), or null. */
    static long[] findBox(ByteReader r, long from, long to, String type) {
        long at = from;
        int boxes = 0;
        while (at + 8 <= to && r.has(at, 8) && ++boxes <= MAX_BOXES) {
            long size = r.u32(at);
            long header = 8;
            if (size == 1) {
                if (!r.has(at + 8, 8) || r.u32(at + 8) != 0) {
                    return null; // a box over 4 GB: not in a file under the request limit
                }
                size = r.u32(at + 12);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) {
                return null;
            }
            if (r.matches(at + 4, type)) {
                return new long[] {at + header, at + size};
            }
            at += size;
        }
        return null;
    }
}
