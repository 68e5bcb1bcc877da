package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.codec.CodecTestImages;
import com.imagecogni.support.ToolRuns;
import com.imagecogni.pipeline.TestImages;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Independent checks for the binding's output: libwebp's own command-line tools (Debian package {@code webp}, see
 * bin/install-codecs --with-test-tools), run as processes, plus test images and PSNR.
 */
final class WebpTools {


    private WebpTools() {
    }

    /** The shared test photo (CodecTestImages). */
    static BufferedImage photo(int width, int height) {
        return CodecTestImages.photo(width, height);
    }

    /** The shared alpha ramp (CodecTestImages). */
    static BufferedImage translucent(int width, int height) {
        return CodecTestImages.translucent(width, height);
    }

    /** dwebp's decode of {@code webp}, as a PNG read back; fails the test when dwebp refuses the file. */
    static BufferedImage dwebp(byte[] webp) {
        return com.imagecogni.support.IndependentDecoders.dwebp(webp);
    }

    /** The text of {@code webpmux -info}; fails the test when webpmux cannot parse the file. */
    static String webpmuxInfo(byte[] webp) {
        Path dir = tempDir();
        try {
            return run(List.of("webpmux", "-info", Files.write(dir.resolve("in.webp"), webp).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** webpinfo's verdict on the container (chunk order, sizes, VP8X flags against the chunks present). */
    static void assertWebpinfoAccepts(byte[] webp) {
        Path dir = tempDir();
        try {
            String report = run(List.of("webpinfo", Files.write(dir.resolve("in.webp"), webp).toString()));
            assertTrue(report.contains("No error detected."), "webpinfo:\n" + report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** {@code webpmux -get what}: the chunk payload libwebpmux finds (what = icc, exif, xmp or "frame N"). */
    static byte[] webpmuxGet(byte[] webp, String what) {
        Path dir = tempDir();
        try {
            Path in = Files.write(dir.resolve("in.webp"), webp);
            Path out = dir.resolve("out.bin");
            List<String> command = new ArrayList<>(List.of("webpmux", "-get"));
            command.addAll(List.of(what.split(" ")));
            command.addAll(List.of(in.toString(), "-o", out.toString()));
            run(command);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** PSNR over R, G and B in dB; infinite for identical images. */
    static double psnr(BufferedImage expected, BufferedImage actual) {
        return com.imagecogni.support.Psnr.of(expected, actual);
    }

    /** Asserts both images hold the same ARGB in every pixel. */
    static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth(), "width");
        assertEquals(expected.getHeight(), actual.getHeight(), "height");
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (expected.getRGB(x, y) != actual.getRGB(x, y)) {
                    fail(String.format("pixel (%d,%d): expected %08x, got %08x", x, y, expected.getRGB(x, y),
                            actual.getRGB(x, y)));
                }
            }
        }
    }

    /** The four-character codes of the file's top-level chunks, in order. */
    static List<String> chunkOrder(byte[] webp) {
        assertTrue(WebpChunks.isWebp(webp), "RIFF/WEBP header");
        assertEquals(webp.length - 8, WebpChunks.u32(webp, 4), "RIFF size = file length - 8");
        List<String> order = new ArrayList<>();
        for (WebpChunks.Chunk chunk : WebpChunks.parse(webp, true)) {
            order.add(chunk.fourcc());
        }
        return order;
    }

    private static String run(List<String> command) {
        return ToolRuns.run(command);
    }

    private static Path tempDir() {
        return ToolRuns.tempDir("libwebp-test");
    }

    private static void delete(Path dir) {
        ToolRuns.delete(dir);
    }
}
