package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.image.Transforms;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.image.ImageIoPlugins;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The decode guard: sniff the format from magic bytes, check the header against the limits, decode the first frame,
 * convert to sRGB and apply the EXIF orientation. Every refusal is an {@link InputRejectedException}.
 */
public final class SourceDecoder {

    /** Reader warnings that mean pixel data is missing; ImageIO only warns (and fills grey) for a cut-off JPEG. */
    private static final Pattern TRUNCATION_WARNING =
            Pattern.compile("truncat|premature end|missing eoi|end of (file|data|stream)", Pattern.CASE_INSENSITIVE);

    static {
        // A disk cache would put attacker-controlled bytes in temp files for no gain: sources are already in memory.
        ImageIO.setUseCache(false);
    }

    private final DecodeLimits limits;

    public SourceDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    /** Reads and checks the header only (format, every size the decoder allocates from, frames, JPEG scans, orientation). */
    public ImageHeader probe(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InputRejectedException(FailureReason.EMPTY_INPUT, "the file is empty");
        }
        ImageFormat format = FormatSniffer.detect(bytes).orElseThrow(() -> new InputRejectedException(
                FailureReason.UNSUPPORTED_FORMAT, "not a JPEG, PNG, GIF, WebP, BMP or TIFF image"));
        return HeaderReader.read(format, bytes, limits);
    }

    public DecodedImage decode(byte[] bytes) {
        ImageHeader header = probe(bytes);
        if (header.format() == ImageFormat.WEBP && header.frames() > 1) {
            // webp-imageio wraps libwebp's still-image decoder, which answers UnsupportedFeature for animations.
            throw new InputRejectedException(FailureReason.UNSUPPORTED_FORMAT,
                    "animated WebP (" + header.frames() + " frames) is not supported; send a still image or a GIF");
        }
        BufferedImage raw = readFirstFrame(header, bytes);
        // the header is the authority: a decoder that saw another size read something this parse did not check
        if (raw.getWidth() != header.frameWidth() || raw.getHeight() != header.frameHeight()) {
            throw new InputRejectedException(FailureReason.CORRUPT_IMAGE, "decoded size " + raw.getWidth() + "x"
                    + raw.getHeight() + " does not match the header " + header.frameWidth() + "x" + header.frameHeight());
        }
        BufferedImage upright = Transforms.orient(ColorNormalizer.toSrgb(raw), header.orientation());
        return new DecodedImage(upright, header.format(), header);
    }

    private static BufferedImage readFirstFrame(ImageHeader header, byte[] bytes) {
        String formatName = header.format().name().toLowerCase(Locale.ROOT);
        ImageReader reader = ImageIoPlugins.reader(formatName).orElseThrow(() -> new InputRejectedException(
                FailureReason.UNSUPPORTED_FORMAT, "no decoder installed for " + formatName));
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            // ignoreMetadata: pixels, ICC profile and palette are still read, but no metadata tree is built. The PNG
            // reader would otherwise inflate every zTXt/iTXt text chunk, and 1.5 MB of them fill a 1 GB heap.
            reader.setInput(in, true, true);
            BufferedImage image = reader.read(0, reader.getDefaultReadParam());
            for (String warning : warnings) {
                if (TRUNCATION_WARNING.matcher(warning).find()) {
                    throw new InputRejectedException(FailureReason.CORRUPT_IMAGE,
                            "the " + formatName + " data is incomplete: " + warning);
                }
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputRejectedException rejected) {
                throw rejected;
            }
            throw new InputRejectedException(FailureReason.CORRUPT_IMAGE,
                    "the " + formatName + " data cannot be decoded: " + describe(e), e);
        } catch (OutOfMemoryError e) {
            if (isLibwebpStatus(e)) {
                throw new InputRejectedException(FailureReason.CORRUPT_IMAGE,
                        "the " + formatName + " data cannot be decoded: malformed image data", e);
            }
            throw e;
        } finally {
            reader.dispose();
        }
    }

    /**
     * webp-imageio turns libwebp's VP8_STATUS_OUT_OF_MEMORY into an OutOfMemoryError of its own making (no message,
     * thrown by its wrapper, not by the JVM), and libwebp answers that status for some corrupt data too (found by
     * fuzzing: a 168-byte file with a damaged alpha chunk). The canvas is already bounded by the header parse, so
     * that status means bad data, not a full heap; a real heap failure (thrown by the JVM) is left alone.
     */
    private static boolean isLibwebpStatus(OutOfMemoryError e) {
        StackTraceElement[] stack = e.getStackTrace();
        return e.getMessage() == null && stack.length > 0
                && stack[0].getClassName().equals("com.luciad.imageio.webp.WebPWrapper");
    }

    private static String describe(Exception e) {
        // A decoder's IOException describes the data ("Unexpected end of file"). A RuntimeException is the decoder
        // tripping over the data; its message ("/ by zero", "Index 1 out of bounds for length 1") describes the
        // decoder, not the file.
        String message = e instanceof IOException ? e.getMessage() : null;
        return message == null || message.isBlank() ? "malformed image data" : message;
    }
}
