package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/** Reads the EXIF, XMP and ICC payloads attached to a HEIF image handle. */
final class HeifMetadataReader {

    private static final String XMP_CONTENT_TYPE = "application/rdf+xml";
    /** More blocks of one type than this is not a real photo; the first ones are the ones that count. */
    private static final int MAX_BLOCKS = 16;

    private HeifMetadataReader() {
    }

    /**
     * @param maxSize no payload can be larger than the file it came from; a larger claim is corrupt and is skipped
     *                rather than allocated
     */
    static SourceMetadata read(Arena arena, MemorySegment handle, long maxSize) {
        byte[] exif = null;
        for (int id : blockIds(arena, handle, "Exif")) {
            byte[] block = block(arena, handle, id, maxSize);
            exif = block == null ? null : tiffPayload(block);
            if (exif != null) {
                break;
            }
        }
        byte[] xmp = null;
        for (int id : blockIds(arena, handle, "mime")) {
            if (XMP_CONTENT_TYPE.equals(HeifBinding.metadataContentType(handle, id))) {
                xmp = block(arena, handle, id, maxSize);
                if (xmp != null) {
                    break;
                }
            }
        }
        return new SourceMetadata(exif, xmp, icc(arena, handle, maxSize));
    }

    private static int[] blockIds(Arena arena, MemorySegment handle, String type) {
        MemorySegment ids = arena.allocate(JAVA_INT, MAX_BLOCKS);
        int count = HeifBinding.metadataBlockIds(handle, arena.allocateFrom(type), ids, MAX_BLOCKS);
        return ids.asSlice(0, Math.clamp(count, 0, MAX_BLOCKS) * JAVA_INT.byteSize()).toArray(JAVA_INT);
    }

    private static byte[] block(Arena arena, MemorySegment handle, int id, long maxSize) {
        long size = HeifBinding.metadataSize(handle, id);
        if (size <= 0 || size > maxSize) {
            return null;
        }
        MemorySegment out = arena.allocate(size);
        HeifBinding.metadata(arena, handle, id, out);
        return out.toArray(JAVA_BYTE);
    }

    /**
     * HEIF stores EXIF behind a 4-byte big-endian offset to the TIFF header (ISO/IEC 23008-12 A.2.1); the payload the
     * pipeline wants starts at that header. A block whose offset does not land on a TIFF header is dropped.
     */
    static byte[] tiffPayload(byte[] block) {
        if (block.length < 8) {
            return null;
        }
        long offset = ((block[0] & 0xFFL) << 24) | ((block[1] & 0xFF) << 16) | ((block[2] & 0xFF) << 8) | (block[3] & 0xFF);
        long start = 4 + offset;
        if (start + 4 > block.length || !isTiffHeader(block, (int) start)) {
            return null;
        }
        return java.util.Arrays.copyOfRange(block, (int) start, block.length);
    }

    private static boolean isTiffHeader(byte[] b, int at) {
        return (b[at] == 'I' && b[at + 1] == 'I' && b[at + 2] == '*' && b[at + 3] == 0)
                || (b[at] == 'M' && b[at + 1] == 'M' && b[at + 2] == 0 && b[at + 3] == '*');
    }

    /** The ICC profile of a 'prof' or 'rICC' colr box; an nclx-only image has none. */
    private static byte[] icc(Arena arena, MemorySegment handle, long maxSize) {
        int type = HeifBinding.handleColorProfileType(handle);
        if (type != HeifBinding.PROFILE_PROF && type != HeifBinding.PROFILE_RICC) {
            return null;
        }
        long size = HeifBinding.rawColorProfileSize(handle);
        if (size <= 0 || size > maxSize) {
            return null;
        }
        MemorySegment out = arena.allocate(size);
        HeifBinding.rawColorProfile(arena, handle, out);
        return out.toArray(JAVA_BYTE);
    }
}
