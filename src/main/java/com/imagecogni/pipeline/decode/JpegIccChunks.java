package com.imagecogni.pipeline.decode;

/**
 * The APP2 ICC_PROFILE chunks of a JPEG: the profile size declared in the first chunk must not exceed the profile bytes
 * the chunks carry, because the TwelveMonkeys reader allocates the declared size before reading (a 1 KB file can ask
 * for 2 GB).
 */
final class JpegIccChunks {

    private static final String SIGNATURE = "ICC_PROFILE\0";
    /** Signature, then chunk number and chunk count of one byte each. */
    private static final int CHUNK_HEADER = SIGNATURE.length() + 2;

    private long declared = -1;
    private long present;

    /** @param payload the segment's bytes after its length field, {@code length} of them, all inside the file */
    void add(ByteReader r, long payload, int length) {
        if (length < CHUNK_HEADER || !r.matches(payload, SIGNATURE)) {
            return; // another APP2 use, such as FlashPix
        }
        present += length - CHUNK_HEADER;
        boolean first = r.u8(payload + SIGNATURE.length()) == 1;
        if (first && length >= CHUNK_HEADER + 4) {
            declared = r.u32(payload + CHUNK_HEADER); // the ICC header starts with the profile size
        }
    }

    void check() {
        if (declared > present) {
            throw HeaderReader.corrupt("the embedded ICC profile declares " + declared
                    + " bytes but the file carries only " + present);
        }
    }
}
