package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.decode.SourceMetadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Puts EXIF, XMP and ICC into an encoded WebP, and reads them back, in pure Java (the WebP container spec, no
 * libwebpmux): the result is an extended file, VP8X first, then ICCP, the image chunks as they were (ALPH + VP8,
 * VP8L, or ANIM + ANMF), then EXIF, then XMP, each padded to an even size. Works on what libwebp and webp-imageio write.
 */
public final class WebpMetadata {

    private static final int FLAG_ANIMATION = 0x02;
    private static final int FLAG_XMP = 0x04;
    private static final int FLAG_EXIF = 0x08;
    private static final int FLAG_ALPHA = 0x10;
    private static final int FLAG_ICC = 0x20;
    /** Chunks this class writes itself; any others are image data (or unknown) and are kept in their order. */
    private static final Set<String> REPLACED = Set.of("VP8X", "ICCP", "EXIF", "XMP ");
    /** Some writers put JPEG's APP1 prefix before the TIFF header; SourceMetadata holds EXIF without it. */
    private static final byte[] EXIF_PREFIX = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    /** The RIFF size is a uint32 and even; a Java array stops earlier, at about 2^31. */
    private static final long MAX_FILE = Integer.MAX_VALUE - 8;

    private WebpMetadata() {
    }

    /**
     * {@code webp} with the metadata of {@code metadata} (null parts left out) replacing any it had; unchanged when
     * there is nothing to add to a simple file. A file this class cannot parse is an encoder bug: ENCODE_FAILED.
     */
    public static byte[] write(byte[] webp, SourceMetadata metadata) {
        List<WebpChunks.Chunk> chunks;
        try {
            chunks = WebpChunks.parse(webp, true);
        } catch (IllegalArgumentException e) {
            throw new ProcessingFailedException(FailureReason.ENCODE_FAILED, "the encoded webp is malformed: "
                    + e.getMessage());
        }
        if (chunks.isEmpty()) {
            throw new ProcessingFailedException(FailureReason.ENCODE_FAILED, "the encoded webp has no chunks");
        }
        SourceMetadata meta = metadata == null ? SourceMetadata.NONE : metadata;
        if (meta.isEmpty() && !chunks.get(0).fourcc().equals("VP8X")) {
            return webp;
        }
        Canvas canvas = canvas(webp, chunks.get(0));
        int flags = canvas.flags()
                | (meta.icc() != null ? FLAG_ICC : 0)
                | (meta.exif() != null ? FLAG_EXIF : 0)
                | (meta.xmp() != null ? FLAG_XMP : 0);
        List<WebpChunks.Chunk> kept = chunks.stream().filter(c -> !REPLACED.contains(c.fourcc())).toList();
        long total = 12 + 18 + stored(meta.icc()) + stored(meta.exif()) + stored(meta.xmp())
                + kept.stream().mapToLong(WebpChunks.Chunk::stored).sum();
        if (total > MAX_FILE) {
            throw new ProcessingFailedException(FailureReason.OUTPUT_TOO_LARGE, "the webp with its metadata would be "
                    + total + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le32(total - 8));
        out.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(vp8x(flags, canvas.width(), canvas.height()));
        writeChunk(out, "ICCP", meta.icc());
        for (WebpChunks.Chunk chunk : kept) {
            writeChunk(out, chunk.fourcc(), webp, chunk.payload(), chunk.size());
        }
        writeChunk(out, "EXIF", meta.exif());
        writeChunk(out, "XMP ", meta.xmp());
        return out.toByteArray();
    }

    /** Bytes a chunk with this payload takes, with header and pad byte; 0 for none. */
    private static long stored(byte[] payload) {
        return payload == null ? 0 : 8L + payload.length + (payload.length & 1);
    }

    /**
     * The ICCP, EXIF and XMP payloads of a WebP file (the first of each), read only within the declared chunk sizes;
     * a truncated tail is ignored. Bytes that are not RIFF/WEBP at all are CORRUPT_IMAGE.
     */
    public static SourceMetadata read(byte[] webp) {
        List<WebpChunks.Chunk> chunks;
        try {
            chunks = WebpChunks.parse(webp, false);
        } catch (IllegalArgumentException e) {
            throw new InputRejectedException(FailureReason.CORRUPT_IMAGE, "not a webp file: " + e.getMessage());
        }
        byte[] exif = null;
        byte[] xmp = null;
        byte[] icc = null;
        for (WebpChunks.Chunk chunk : chunks) {
            byte[] payload = Arrays.copyOfRange(webp, chunk.payload(), chunk.payload() + chunk.size());
            switch (chunk.fourcc()) {
                case "ICCP" -> icc = icc == null ? payload : icc;
                case "EXIF" -> exif = exif == null ? withoutExifPrefix(payload) : exif;
                case "XMP " -> xmp = xmp == null ? payload : xmp;
                default -> {
                    // image chunks and unknown chunks carry no metadata
                }
            }
        }
        return new SourceMetadata(exif, xmp, icc);
    }

    /** Canvas size and the alpha/animation flags, from the first chunk (VP8X, or the single VP8/VP8L). */
    private record Canvas(int width, int height, int flags) {
    }

    private static Canvas canvas(byte[] webp, WebpChunks.Chunk first) {
        int p = first.payload();
        switch (first.fourcc()) {
            case "VP8X" -> {
                require(first.size() >= 10, "VP8X chunk shorter than 10 bytes");
                return new Canvas(WebpChunks.u24(webp, p + 4) + 1, WebpChunks.u24(webp, p + 7) + 1,
                        webp[p] & (FLAG_ALPHA | FLAG_ANIMATION));
            }
            case "VP8 " -> {
                // VP8 key frame: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height (2 scale bits)
                require(first.size() >= 10 && (webp[p + 3] & 0xFF) == 0x9D && (webp[p + 4] & 0xFF) == 0x01
                        && (webp[p + 5] & 0xFF) == 0x2A, "VP8 chunk without a key frame header");
                int width = ((webp[p + 6] & 0xFF) | (webp[p + 7] & 0xFF) << 8) & 0x3FFF;
                int height = ((webp[p + 8] & 0xFF) | (webp[p + 9] & 0xFF) << 8) & 0x3FFF;
                require(width > 0 && height > 0, "VP8 frame of size 0");
                return new Canvas(width, height, 0);
            }
            case "VP8L" -> {
                // signature 0x2f, then 14 bits width-1, 14 bits height-1, 1 bit alpha_is_used (LSB first)
                require(first.size() >= 5 && (webp[p] & 0xFF) == 0x2F, "VP8L chunk without its signature");
                long bits = WebpChunks.u32(webp, p + 1);
                int width = (int) (bits & 0x3FFF) + 1;
                int height = (int) (bits >> 14 & 0x3FFF) + 1;
                boolean alpha = (bits >> 28 & 1) != 0;
                return new Canvas(width, height, alpha ? FLAG_ALPHA : 0);
            }
            default -> throw new ProcessingFailedException(FailureReason.ENCODE_FAILED,
                    "the encoded webp starts with a '" + first.fourcc() + "' chunk");
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new ProcessingFailedException(FailureReason.ENCODE_FAILED, "the encoded webp is malformed: " + problem);
        }
    }

    private static byte[] vp8x(int flags, int width, int height) {
        byte[] chunk = new byte[18];
        System.arraycopy("VP8X".getBytes(StandardCharsets.ISO_8859_1), 0, chunk, 0, 4);
        System.arraycopy(le32(10), 0, chunk, 4, 4);
        chunk[8] = (byte) flags; // then 3 reserved bytes, zero
        putU24(chunk, 12, width - 1);
        putU24(chunk, 15, height - 1);
        return chunk;
    }

    /** A chunk with its pad byte; nothing for a null payload. */
    private static void writeChunk(ByteArrayOutputStream out, String fourcc, byte[] payload) {
        if (payload != null) {
            writeChunk(out, fourcc, payload, 0, payload.length);
        }
    }

    private static void writeChunk(ByteArrayOutputStream out, String fourcc, byte[] source, int offset, int length) {
        out.writeBytes(fourcc.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le32(length));
        out.write(source, offset, length);
        if ((length & 1) != 0) {
            out.write(0);
        }
    }

    private static byte[] withoutExifPrefix(byte[] payload) {
        if (payload.length >= EXIF_PREFIX.length
                && Arrays.equals(payload, 0, EXIF_PREFIX.length, EXIF_PREFIX, 0, EXIF_PREFIX.length)) {
            return Arrays.copyOfRange(payload, EXIF_PREFIX.length, payload.length);
        }
        return payload;
    }

    private static byte[] le32(long value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }

    private static void putU24(byte[] target, int at, int value) {
        target[at] = (byte) value;
        target[at + 1] = (byte) (value >> 8);
        target[at + 2] = (byte) (value >> 16);
    }
}
