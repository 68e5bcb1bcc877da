package com.imagecogni.pipeline.bench;

import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.ScaleMethod;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bench's sources, made once into /tmp: the 12 MP JPEG (q90) from the shared photo, and the same photo as HEIC. */
final class BenchInputs {

    /** heif-enc's x265 quality for the HEIC source: a typical phone-camera setting. */
    static final int HEIC_QUALITY = 80;

    private BenchInputs() {
    }

    /** The 4000x3000 q90 JPEG at {@code out}, made from {@code photo} (Lanczos3) when it is missing. */
    static Path jpeg(Path out, String photo) throws IOException {
        if (Files.exists(out)) {
            return out;
        }
        BufferedImage scaled = ImmutableImage.wrapAwt(ImageIO.read(new File(photo)))
                .scaleTo(4000, 3000, ScaleMethod.Lanczos3).awt();
        BufferedImage rgb = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(scaled, 0, 0, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        Files.deleteIfExists(out);
        try (FileImageOutputStream ios = new FileImageOutputStream(out.toFile())) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.90f);
            writer.write(null, new IIOImage(rgb, null, null), p);
        }
        writer.dispose();
        System.out.println("generated " + out + " from " + photo);
        return out;
    }

    /** The same pixels as a 12 MP HEIC ({@code heif-enc -q 80}, x265, 4:2:0), next to the JPEG; null without heif-enc. */
    static Path heic(Path jpeg) throws IOException, InterruptedException {
        Path out = jpeg.resolveSibling(jpeg.getFileName().toString().replaceAll("\\.jpe?g$", "")
                + "-heic-q" + HEIC_QUALITY + ".heic");
        if (Files.exists(out)) {
            return out;
        }
        Process p;
        try {
            p = new ProcessBuilder("heif-enc", "-q", String.valueOf(HEIC_QUALITY), "-o", out.toString(),
                    jpeg.toString()).inheritIO().start();
        } catch (IOException notInstalled) {
            p = null;
        }
        if (p == null || p.waitFor() != 0 || !Files.exists(out)) {
            System.out.println("heif-enc failed or is not installed (Debian: libheif-examples): W-HEIC not run");
            return null;
        }
        System.out.println("generated " + out + " with heif-enc -q " + HEIC_QUALITY + " from " + jpeg);
        return out;
    }
}
