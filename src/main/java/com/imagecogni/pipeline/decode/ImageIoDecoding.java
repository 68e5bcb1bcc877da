package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
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

/**
 * The embedded decoders (the JDK's and TwelveMonkeys' ImageIO readers, webp-imageio): the first frame of a source
 * whose header was already checked, every decoder failure mapped to {@code corrupt_image}.
 */
final class ImageIoDecoding {

    static {
        // A disk cache would put attacker-controlled bytes in temp files for no gain: sources are already in memory.
        ImageIO.setUseCache(false);
    }

    private ImageIoDecoding() {
    }

    static BufferedImage readFirstFrame(ImageHeader header, byte[] bytes) {
        String formatName = header.format().name().toLowerCase(Locale.ROOT);
        ImageReader reader = ImageIoPlugins.reader(formatName).orElseThrow(() -> new InputRejectedException(
                FailureReason.UNSUPPORTED_FORMAT, "no decoder installed for " + formatName));
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            // ignoreMetadata: pixels, ICC profile and palette are still read, but no metadata tree is built. The PNG
            // reader would otherwise inflate every zTXt/iTXt text chunk, and 1.5 MB of them fill a 1 GB heap.
            reader.setInput(in, true, true);
            // the reader allocates what its own parse finds: held to the header before it allocates, so a file the
            // reader walks differently from our parser cannot hide a larger image from the limits
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != header.frameWidth() || height != header.frameHeight()) {
                throw new InputRejectedException(FailureReason.CORRUPT_IMAGE, "the " + formatName + " decoder reads "
                        + width + "x" + height + " where the header declares " + header.frameWidth() + "x"
                        + header.frameHeight());
            }
            BufferedImage image = reader.read(0, reader.getDefaultReadParam());
            for (String warning : warnings) {
                if (DecoderWarnings.meansTruncated(warning)) {
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
