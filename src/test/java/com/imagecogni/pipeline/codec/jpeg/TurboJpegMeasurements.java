package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.encode.EncodeOptions;

import javax.imageio.ImageIO;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Figures for the report (not a test; prints, asserts nothing): decode times per DCT scale against ImageIO, encode time
 * against ImageIO's writer, the cost of a TurboJPEG instance, and the quality/speed of the FASTDCT/FASTUPSAMPLE flags.
 * Run with the test classpath: {@code java -cp target/classes:target/test-classes:<deps> ...TurboJpegMeasurements}.
 */
public final class TurboJpegMeasurements {

    private static final DecodeLimits LIMITS = DecodeLimits.defaults();

    private TurboJpegMeasurements() {
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : "/work/shared/photos/dragonfly-4224x3168.jpg");
        BufferedImage big = JpegTestSupport.toIntRgb(
                scaleTo(ImageIO.read(source.toFile()), 4000, 3000));
        byte[] q90 = new TurboJpegEncoder().encode(big, new EncodeOptions(90, false, true));
        System.out.printf("test file: %s scaled to 4000x3000, TurboJPEG q90 4:4:4: %d bytes%n", source, q90.length);

        instanceCost();
        for (int denom : new int[] {1, 2, 4}) {
            int min = (4000 + denom - 1) / denom;
            report("TurboJPEG decode 1/" + denom, () -> TurboJpegDecoder.decode(q90, min, 0, LIMITS).orElseThrow());
        }
        report("ImageIO decode 1/1", () -> JpegTestSupport.imageIoDecode(q90));

        BufferedImage full = TurboJpegDecoder.decode(q90, Integer.MAX_VALUE, 0, LIMITS).orElseThrow().image();
        BufferedImage half = TurboJpegDecoder.decode(q90, 2000, 0, LIMITS).orElseThrow().image();
        System.out.printf("PSNR DCT 1/2 decode vs full decode area-averaged by 2: %.2f dB%n",
                JpegTestSupport.psnr(half, JpegTestSupport.areaDownscale(full, 2)));

        // flags: quality of each against the accurate default, on a 4:2:0 file (FASTUPSAMPLE matters only there)
        byte[] q85 = new TurboJpegEncoder().encode(big, new EncodeOptions(85, false, true));
        BufferedImage reference = TurboJpegDecoder.decode(q85, Integer.MAX_VALUE, 0, LIMITS).orElseThrow().image();
        report("TurboJPEG decode q85 4:2:0 1/1 default", () -> TurboJpegDecoder.decode(q85, 5000, 0, LIMITS));
        for (int flag : new int[] {TurboJpeg.TJFLAG_FASTDCT, TurboJpeg.TJFLAG_FASTUPSAMPLE}) {
            int flags = TurboJpegDecoder.FLAGS | flag;
            String name = flag == TurboJpeg.TJFLAG_FASTDCT ? "FASTDCT" : "FASTUPSAMPLE";
            report("TurboJPEG decode q85 4:2:0 1/1 " + name, () -> TurboJpegDecoder.decode(q85, 5000, 0, LIMITS, flags));
            BufferedImage fast = TurboJpegDecoder.decode(q85, 5000, 0, LIMITS, flags).orElseThrow().image();
            System.out.printf("  PSNR %s vs default decode: %.2f dB; vs the source pixels: %.2f dB (default: %.2f)%n",
                    name, JpegTestSupport.psnr(fast, reference), JpegTestSupport.psnr(fast, big),
                    JpegTestSupport.psnr(reference, big));
        }

        BufferedImage hd = JpegTestSupport.toIntRgb(scaleTo(big, 1920, 1440));
        EncodeOptions q85opts = new EncodeOptions(85, false, true);
        report("TurboJPEG encode 1920x1440 q85 (accurate DCT)", () -> new TurboJpegEncoder().encode(hd, q85opts));
        report("TurboJPEG encode 1920x1440 q85 (fast DCT)",
                () -> TurboJpegEncoder.compress(hd, 85, TurboJpeg.TJSAMP_420, 0));
        report("ImageIO encode 1920x1440 q85", () -> JpegTestSupport.imageIoJpeg(hd, 0.85f));
        byte[] accurate = new TurboJpegEncoder().encode(hd, q85opts);
        byte[] fastDct = TurboJpegEncoder.compress(hd, 85, TurboJpeg.TJSAMP_420, 0);
        byte[] imageIo = JpegTestSupport.imageIoJpeg(hd, 0.85f);
        System.out.printf("encode q85 PSNR/size: accurate %.2f dB %d B, fast %.2f dB %d B, ImageIO %.2f dB %d B%n",
                JpegTestSupport.psnr(hd, JpegTestSupport.imageIoDecode(accurate)), accurate.length,
                JpegTestSupport.psnr(hd, JpegTestSupport.imageIoDecode(fastDct)), fastDct.length,
                JpegTestSupport.psnr(hd, JpegTestSupport.imageIoDecode(imageIo)), imageIo.length);
        if (args.length > 1) {
            Files.write(Path.of(args[1]), q90);
        }
    }

    /** tjInitDecompress + tjDestroy, to decide between a handle per call and a cached one. */
    private static void instanceCost() {
        TurboJpeg.Functions tj = TurboJpeg.functions();
        long[] ns = new long[5];
        for (int round = 0; round < ns.length; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                try {
                    MemorySegment handle = (MemorySegment) tj.initDecompress().invokeExact();
                    TurboJpeg.destroy(handle);
                } catch (Throwable t) {
                    throw TurboJpeg.rethrow(t);
                }
            }
            ns[round] = (System.nanoTime() - start) / 10_000;
        }
        Arrays.sort(ns);
        System.out.printf("tjInitDecompress + tjDestroy: median %d ns%n", ns[ns.length / 2]);
    }

    private static void report(String what, Supplier<?> work) {
        for (int i = 0; i < 3; i++) {
            work.get();
        }
        double[] ms = new double[10];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-50s median %7.1f ms (min %.1f, max %.1f) of 10 warm%n", what, (ms[4] + ms[5]) / 2, ms[0],
                ms[9]);
    }

    private static BufferedImage scaleTo(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.createGraphics().drawImage(img.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        return out;
    }
}
