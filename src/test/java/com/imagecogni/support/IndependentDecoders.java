package com.imagecogni.support;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoders that share no code with ours, run as processes, to check what we write: {@code avifdec} (libavif with
 * dav1d; package libavif-bin), {@code dwebp} (package webp) and {@code djxl} (package libjxl-tools). Each writes a PNG that ImageIO reads back; a refusal
 * or a missing tool fails the test (CI installs them: bin/install-codecs --with-test-tools).
 */
public final class IndependentDecoders {

    private IndependentDecoders() {
    }

    public static BufferedImage avifdec(byte[] avif) {
        return run("avifdec", avif, "avif", (in, out) -> new String[] {"avifdec", in.toString(), out.toString()});
    }

    public static BufferedImage dwebp(byte[] webp) {
        return run("dwebp", webp, "webp", (in, out) -> new String[] {"dwebp", in.toString(), "-o", out.toString()});
    }

    /** libjxl's own djxl: the same library as ours, but its command-line path, not our binding. */
    public static BufferedImage djxl(byte[] jxl) {
        return run("djxl", jxl, "jxl", (in, out) -> new String[] {"djxl", in.toString(), out.toString()});
    }

    private interface CommandLine {
        String[] of(Path in, Path out);
    }

    private static BufferedImage run(String tool, byte[] data, String extension, CommandLine command) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("imagecogni-" + tool);
            Path in = Files.write(dir.resolve("in." + extension), data);
            Path out = dir.resolve("out.png");
            Path log = dir.resolve(tool + ".log");
            Process process = new ProcessBuilder(command.of(in, out)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), tool + " hung");
            String output = Files.readString(log);
            assertEquals(0, process.exitValue(), () -> tool + " refused the file: " + output);
            return ImageIO.read(out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(tool + " could not be run (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp directory left behind is harmless
                }
            }
        }
    }
}
