package com.imagecogni.pipeline.decode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The metadata chunks of a PNG: {@code eXIf}, the XMP {@code iTXt} ({@code XML:com.adobe.xmp}) and {@code iCCP}.
 * Inflated payloads are capped, so a small file cannot expand into a large allocation; a malformed chunk is skipped.
 */
final class PngMetadataReader {

    /** ICC profiles and XMP packets are kilobytes; a few MB is generous and still bounded. */
    private static final int MAX_INFLATED = 4 << 20;
    private static final String XMP_KEYWORD = "XML:com.adobe.xmp";

    private PngMetadataReader() {
    }

    static SourceMetadata read(byte[] png) {
        ByteReader r = new ByteReader(png, false);
        byte[] exif = null;
        byte[] xmp = null;
        byte[] icc = null;
        long at = 8;
        while (r.has(at, 8)) {
            long length = r.u32(at);
            String type = r.ascii(at + 4, 4);
            long data = at + 8;
            if (!r.has(data, length)) {
                break;
            }
            byte[] payload = null;
            if (type.equals("eXIf") || type.equals("iTXt") || type.equals("iCCP")) {
                payload = Arrays.copyOfRange(png, (int) data, (int) (data + length));
            }
            if (type.equals("eXIf") && exif == null) {
                exif = payload;
            } else if (type.equals("iTXt") && xmp == null) {
                xmp = xmp(payload);
            } else if (type.equals("iCCP") && icc == null) {
                icc = icc(payload);
            } else if (type.equals("IEND")) {
                break;
            }
            at = data + length + 4;
        }
        return new SourceMetadata(exif, xmp, icc);
    }

    /** keyword NUL, compression flag, method, language NUL, translated keyword NUL, text. */
    private static byte[] xmp(byte[] chunk) {
        int keywordEnd = indexOf(chunk, 0);
        if (keywordEnd < 0 || !new String(chunk, 0, keywordEnd, StandardCharsets.ISO_8859_1).equals(XMP_KEYWORD)
                || keywordEnd + 3 > chunk.length) {
            return null;
        }
        boolean compressed = chunk[keywordEnd + 1] != 0;
        int language = indexOf(chunk, keywordEnd + 3);
        int translated = language < 0 ? -1 : indexOf(chunk, language + 1);
        if (translated < 0) {
            return null;
        }
        byte[] text = Arrays.copyOfRange(chunk, translated + 1, chunk.length);
        return compressed ? inflate(text) : text;
    }

    /** profile name NUL, compression method 0, zlib stream. */
    private static byte[] icc(byte[] chunk) {
        int nameEnd = indexOf(chunk, 0);
        if (nameEnd < 0 || nameEnd + 2 > chunk.length) {
            return null;
        }
        return inflate(Arrays.copyOfRange(chunk, nameEnd + 2, chunk.length));
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The inflated bytes, or null when the stream is malformed, unfinished or over the cap. */
    private static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                if (out.size() + n > MAX_INFLATED) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException malformed) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
