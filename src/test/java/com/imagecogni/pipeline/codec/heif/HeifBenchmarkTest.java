package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Figures, not assertions on time: run with {@code -Dheif.benchmark=/path/to/photo.jpg}. Prints the decode time of the
 * photo as a HEIC and the encode time and size of a 1280-px AVIF at Q60 effort 4 (the libvips benchmark setting).
 */
class HeifBenchmarkTest {

    @Test
    void figures() throws Exception {
        String photo = System.getProperty("heif.benchmark");
        assumeTrue(photo != null && Files.isReadable(Path.of(photo)), "-Dheif.benchmark=<jpeg> not given");
        BufferedImage full = ImageIO.read(Path.of(photo).toFile());
        byte[] heic = HeifTestImages.heic(full, 80);
        Files.write(Path.of("target/benchmark.heic"), heic);
        HeifDecoder decoder = new HeifDecoder(DecodeLimits.defaults());
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertEquals(full.getWidth(), decoder.decode(heic).image().getWidth());
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("BENCH HEIC %dx%d (%d bytes) decode best of 5: %d ms%n", full.getWidth(), full.getHeight(),
                heic.length, best / 1_000_000);

        int height = Math.round(full.getHeight() * 1280f / full.getWidth());
        BufferedImage small = new BufferedImage(1280, height, BufferedImage.TYPE_INT_RGB);
        small.getGraphics().drawImage(full.getScaledInstance(1280, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        ImageIO.write(small, "png", Path.of("target/benchmark-1280.png").toFile());
        AvifEncoder encoder = new AvifEncoder();
        EncodeOptions options = new EncodeOptions(60, false, true, false, 4, false);
        byte[] avif = null;
        best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            avif = encoder.encode(small, options, SourceMetadata.NONE);
            best = Math.min(best, System.nanoTime() - start);
        }
        Files.write(Path.of("target/benchmark-1280.avif"), avif);
        System.out.printf("BENCH AVIF 1280x%d Q60 effort 4 encode best of 3: %d ms, %d bytes%n", height,
                best / 1_000_000, avif.length);
    }
}
