package com.imagecogni.pipeline.codec.jxl;

import com.imagecogni.pipeline.codec.CodecTestImages;
import com.imagecogni.support.ToolRuns;
import com.imagecogni.pipeline.TestImages;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Independent checks for the binding: libjxl's own command-line tools cjxl and djxl (Debian package libjxl-tools),
 * run as processes, plus test images. Tests that need the tools assume {@link #toolsInstalled()}.
 */
final class JxlTools {


    private JxlTools() {
    }

    /** cjxl and djxl are on the PATH. */
    static boolean toolsInstalled() {
        return onPath("cjxl") && onPath("djxl");
    }

    /** The shared test photo (CodecTestImages). */
    static BufferedImage photo(int width, int height) {
        return CodecTestImages.photo(width, height);
    }

    /** The shared alpha ramp (CodecTestImages). */
    static BufferedImage translucent(int width, int height) {
        return CodecTestImages.translucent(width, height);
    }

    static byte[] png(BufferedImage image) {
        return TestImages.encode(image, "png");
    }

    /** {@code png} with an iCCP chunk holding {@code profile} inserted after IHDR. */
    static byte[] withIccp(byte[] png, byte[] profile) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed)) {
            deflate.write(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("profile".getBytes(StandardCharsets.ISO_8859_1));
        body.write(0); // name terminator
        body.write(0); // compression method: deflate
        body.writeBytes(compressed.toByteArray());
        byte[] data = body.toByteArray();
        int ihdrEnd = 8 + 12 + 13; // signature, then IHDR: length, type, 13 bytes, CRC
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put("iCCP".getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, ihdrEnd);
        out.writeBytes(chunk.array());
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    /** {@code cjxl in.png out.jxl <options>}: a JPEG XL file made by libjxl's own encoder front end. */
    static byte[] cjxl(byte[] png, String... options) {
        Path dir = tempDir();
        try {
            Path in = Files.write(dir.resolve("in.png"), png);
            Path out = dir.resolve("out.jxl");
            List<String> command = new ArrayList<>(List.of("cjxl", in.toString(), out.toString()));
            command.addAll(List.of(options));
            run(command);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** djxl's decode of {@code jxl} to PNG, read back; fails the test when djxl refuses the file. */
    static BufferedImage djxl(byte[] jxl) {
        Path dir = tempDir();
        try {
            Path in = Files.write(dir.resolve("in.jxl"), jxl);
            Path out = dir.resolve("out.png");
            run(List.of("djxl", in.toString(), out.toString()));
            BufferedImage image = ImageIO.read(out.toFile());
            assertNotNull(image, "ImageIO cannot read djxl's PNG");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** A test resource of this package. */
    static byte[] resource(String name) {
        try (InputStream in = JxlTools.class.getResourceAsStream(name)) {
            assertNotNull(in, "test resource " + name + " is missing");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The largest difference between the alpha samples of two images of the same size. */
    static int maxAlphaError(BufferedImage expected, BufferedImage actual) {
        int max = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                max = Math.max(max, Math.abs((expected.getRGB(x, y) >>> 24) - (actual.getRGB(x, y) >>> 24)));
            }
        }
        return max;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) {
        return ToolRuns.run(command);
    }

    private static Path tempDir() {
        return ToolRuns.tempDir("libjxl-test");
    }

    private static void delete(Path dir) {
        ToolRuns.delete(dir);
    }
}
