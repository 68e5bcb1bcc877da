package com.imagecogni.pipeline.bench;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.Transforms;
import com.imagecogni.pipeline.image.Trim;
import com.imagecogni.support.Psnr;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.ScaleMethod;
import com.sksamuel.scrimage.angles.Degrees;
import com.sksamuel.scrimage.color.Colors;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Scrimage's own transformation against the code the pipeline uses instead, on the same 12 MP raster: warm median
 * times, whether the results are pixel-identical, and for the downscale the PSNR of each against libvips' Lanczos3
 * (the {@code vips} command, when installed). The README's "Images" section quotes these figures. Prints; asserts
 * nothing. Run by {@code bin/bench-ops}.
 */
public final class ScrimageVsOwnBench {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final int RUNS = Integer.getInteger("bench.iters", 7);

    private ScrimageVsOwnBench() {
    }

    public static void main(String[] args) throws Exception {
        BufferedImage photo = new SourceDecoder(new com.imagecogni.pipeline.decode.DecodeLimits(
                com.imagecogni.pipeline.decode.DecodeLimits.DEFAULT_MAX_PIXELS, 1), RUNTIME.parallel())
                .decode(Files.readAllBytes(Path.of(args[0]))).image();
        BufferedImage src = Images.region(photo, 0, 0, Math.min(4000, photo.getWidth()), Math.min(3000, photo.getHeight()));
        ImmutableImage scr = ImmutableImage.wrapAwt(src);
        System.out.printf("input %dx%d (type %d), %d runs, medians%n", src.getWidth(), src.getHeight(), src.getType(), RUNS);

        compare("crop 2000x1500 at 1000,750", () -> Images.region(src, 1000, 750, 2000, 1500),
                () -> scr.subimage(1000, 750, 2000, 1500).awt());
        compare("rotate 90", () -> Transforms.orient(src, Transforms.ROTATE_90_CW),
                () -> scr.rotate(new Degrees(90), Colors.Transparent.awt()).awt());
        compare("rotate 180", () -> Transforms.orient(src, Transforms.ROTATE_180),
                () -> scr.rotate(new Degrees(180), Colors.Transparent.awt()).awt());
        compare("flip horizontal", () -> Transforms.orient(src, Transforms.MIRROR_HORIZONTAL), () -> scr.flipX().awt());
        compare("flip vertical", () -> Transforms.orient(src, Transforms.MIRROR_VERTICAL), () -> scr.flipY().awt());

        BufferedImage framed = framed(src, 40);
        ImmutableImage framedScr = ImmutableImage.wrapAwt(framed);
        compare("trim a 40 px white border", () -> Trim.apply(ImmutableImage.wrapAwt(framed), 10).awt(),
                () -> framedScr.autocrop(java.awt.Color.WHITE, 10).awt());

        int w = src.getWidth() / 5;
        int h = src.getHeight() / 5;
        BufferedImage ours = time("scale to " + w + "x" + h + ": ours (Lanczos3 pyramid)",
                () -> RUNTIME.resampler().resize(src, w, h));
        BufferedImage lanczos = time("scale to " + w + "x" + h + ": Scrimage Lanczos3",
                () -> scr.scaleTo(w, h, ScaleMethod.Lanczos3).awt());
        BufferedImage bicubic = time("scale to " + w + "x" + h + ": Scrimage Bicubic (its default)",
                () -> scr.scaleTo(w, h, ScaleMethod.Bicubic).awt());
        BufferedImage progressive = time("scale to " + w + "x" + h + ": Scrimage Progressive",
                () -> scr.scaleTo(w, h, ScaleMethod.Progressive).awt());
        libvipsReference(src, w, h).ifPresent(ref -> {
            System.out.printf("  PSNR vs libvips Lanczos3: ours %.1f dB, Scrimage Lanczos3 %.1f dB, Bicubic %.1f dB, "
                    + "Progressive %.1f dB%n", Psnr.of(ref, ours), Psnr.of(ref, lanczos), Psnr.of(ref, bicubic),
                    Psnr.of(ref, progressive));
        });
    }

    private static void compare(String label, Supplier<BufferedImage> ours, Supplier<BufferedImage> scrimage) {
        BufferedImage a = time(label + ": ours", ours);
        BufferedImage b;
        try {
            b = time(label + ": Scrimage", scrimage);
        } catch (RuntimeException | StackOverflowError e) {
            System.out.printf("  %s: Scrimage failed: %s%n", label, e);
            return;
        }
        boolean sameSize = a.getWidth() == b.getWidth() && a.getHeight() == b.getHeight();
        System.out.printf("  %s: ours %dx%d, Scrimage %dx%d, %s%n", label, a.getWidth(), a.getHeight(), b.getWidth(),
                b.getHeight(), sameSize && Arrays.equals(rgb(a), rgb(b)) ? "identical pixels" : "DIFFERENT pixels");
    }

    private static BufferedImage time(String label, Supplier<BufferedImage> work) {
        BufferedImage out = null;
        for (int i = 0; i < 2; i++) {
            out = work.get();
        }
        long[] ms = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            out = work.get();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-60s %6d ms%n", label, ms[RUNS / 2]);
        return out;
    }

    private static int[] rgb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static BufferedImage framed(BufferedImage src, int border) {
        BufferedImage out = Images.blank(src.getWidth() + 2 * border, src.getHeight() + 2 * border, false);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(src, border, border, null);
        g.dispose();
        return out;
    }

    private static java.util.Optional<BufferedImage> libvipsReference(BufferedImage src, int w, int h) throws Exception {
        Path in = Files.createTempFile("bench-src", ".png");
        Path out = Files.createTempFile("bench-vips", ".png");
        try {
            ImageIO.write(src, "png", in.toFile());
            Process p = new ProcessBuilder("vips", "resize", in.toString(), out.toString(),
                    Double.toString(w / (double) src.getWidth()), "--kernel", "lanczos3").inheritIO().start();
            if (p.waitFor() != 0) {
                return java.util.Optional.empty();
            }
            BufferedImage ref = ImageIO.read(new File(out.toString()));
            return ref.getWidth() == w && ref.getHeight() == h ? java.util.Optional.of(ref) : java.util.Optional.empty();
        } catch (java.io.IOException e) {
            System.out.println("  (no vips command: PSNR skipped)");
            return java.util.Optional.empty();
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
