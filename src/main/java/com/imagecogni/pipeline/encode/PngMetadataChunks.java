package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Inserts metadata chunks right after a PNG's IHDR (where PNG wants iCCP, and where readers look first): {@code iCCP}
 * (the profile, deflated), {@code eXIf} (the EXIF TIFF bytes) and an {@code iTXt} with keyword
 * {@code XML:com.adobe.xmp} (the XMP packet), as the PNG 3rd edition and Adobe's XMP spec place them.
 */
final class PngMetadataChunks {

    /** Signature (8) + IHDR's length, type, 13 data bytes and CRC. */
    private static final int AFTER_IHDR = 8 + 4 + 4 + 13 + 4;

    private PngMetadataChunks() {
    }

    static byte[] insert(byte[] png, SourceMetadata metadata) {
        if (metadata.isEmpty()) {
            return png;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 4096);
        out.write(png, 0, AFTER_IHDR);
        if (metadata.icc() != null) {
            // profile name, its NUL, compression method 0 (deflate), then the zlib stream
            chunk(out, "iCCP", concat(latin1("ICC Profile\0"), new byte[] {0}, deflate(metadata.icc())));
        }
        if (metadata.exif() != null) {
            chunk(out, "eXIf", metadata.exif());
        }
        if (metadata.xmp() != null) {
            // keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL
            chunk(out, "iTXt", concat(latin1("XML:com.adobe.xmp\0"), new byte[] {0, 0, 0, 0}, metadata.xmp()));
        }
        out.write(png, AFTER_IHDR, png.length - AFTER_IHDR);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = latin1(type);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
