package com.imagecogni.pipeline.bench;

import com.imagecogni.pipeline.Output;
import com.imagecogni.pipeline.Pipeline;
import com.imagecogni.pipeline.SourceProcessor;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodedImage;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.encode.Encoders;
import com.imagecogni.pipeline.image.Resampler;
import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.ScaleMethod;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workload W through the real pipeline API, warm, in one process (not a test; prints figures, asserts nothing).
 *
 * <p>W = decode the 12 MP JPEG once ({@link SourceDecoder#decode}), then {@link Pipeline#run} on that one decoded image
 * twice, as a job with these two configurations would: {@code [resize 1920w,1280w,800w,400w,150w; compress 85]} (five
 * JPEGs) and {@code [resize 1280w; convert webp; compress 85]} (the WebP). The 1/5/20-size rows use the single public
 * call {@link SourceProcessor#process} (decode + all sizes, JPEG q85), so they include the decode.
 *
 * <p>Usage: {@code java -cp out/main:out/test:$(cat cp.txt) com.imagecogni.pipeline.bench.PipelineBench [input.jpg]
 * [vipsw]}; system properties {@code bench.iters} (10), {@code bench.warmup} (4), {@code vipsw} (path of the libvips
 * reference binary), {@code pipeline.threads} (helper threads), {@code bench.quick=true} skips the Scrimage calibration rows. A missing input is generated from
 * {@code /work/shared/photos/dragonfly-4224x3168.jpg} (4000x3000, q90) into {@code /tmp}.
 */
public final class PipelineBench {

    private static final int[] W_WIDTHS = {1920, 1280, 800, 400, 150};
    private static final int[] TWENTY = {1920, 1800, 1600, 1440, 1280, 1200, 1080, 1024, 960, 900, 800, 720, 640, 600,
        512, 480, 400, 320, 240, 150};
    private static final String PHOTO = System.getProperty("bench.source", "../shared/photos/dragonfly-4224x3168.jpg");

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int iters = Integer.getInteger("bench.iters", 10);
        int warmup = Integer.getInteger("bench.warmup", 6);
        Path input = Path.of(args.length > 0 ? args[0] : "/tmp/bench-12mp-4000x3000-q90.jpg");
        String vipsw = args.length > 1 ? args[1] : System.getProperty("vipsw");
        if (!Files.exists(input)) {
            makeInput(input);
        }
        byte[] src = Files.readAllBytes(input);
        DecodeLimits limits = DecodeLimits.defaults();
        SourceDecoder decoder = new SourceDecoder(limits);
        Pipeline pipeline = new Pipeline(limits.maxPixels());
        SourceProcessor processor = new SourceProcessor(limits);
        List<OperationSpec> jpegs = List.of(resize(W_WIDTHS), CompressSpec.quality(85));
        List<OperationSpec> webp = List.of(resize(1280), ConvertSpec.of(ImageFormat.WEBP), CompressSpec.quality(85));

        System.out.printf("input %s (%d bytes), %d cores, java %s, max heap %d MB, helper threads %s%n", input,
                src.length, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, helperThreads());

        // ---- JIT warm-up of every code path measured below (not timed) ----------------------------------------
        for (int it = 0; it < 3; it++) {
            DecodedImage d = decoder.decode(src);
            pipeline.run(d, jpegs);
            pipeline.run(d, webp);
            processor.process(src, List.of(resize(TWENTY), CompressSpec.quality(85)));
        }

        // ---- W: decode once, five JPEGs + one WebP -------------------------------------------------------------
        Map<String, double[]> w = new LinkedHashMap<>();
        List<Output> lastOutputs = new ArrayList<>();
        resetPeaks();
        for (int it = 0; it < warmup + iters; it++) {
            int i = it - warmup;
            long t0 = System.nanoTime();
            DecodedImage decoded = decoder.decode(src);
            long t1 = System.nanoTime();
            List<Output> outs = pipeline.run(decoded, jpegs);
            long t2 = System.nanoTime();
            List<Output> wp = pipeline.run(decoded, webp);
            long t3 = System.nanoTime();
            if (i >= 0) {
                rec(w, "decode", i, iters, t1 - t0);
                rec(w, "5 JPEGs (resize+encode)", i, iters, t2 - t1);
                rec(w, "WebP 1280 (resize+encode)", i, iters, t3 - t2);
                rec(w, "W total", i, iters, t3 - t0);
            }
            lastOutputs = new ArrayList<>(outs);
            lastOutputs.addAll(wp);
        }
        long peakHeap = peakHeapBytes();
        String rssAfterW = vmHwm();

        // ---- per-output breakdown (each size standalone from the decoded image) ----------------------------------
        DecodedImage decoded = decoder.decode(src);
        Map<String, double[]> per = new LinkedHashMap<>();
        for (int it = 0; it < warmup + iters; it++) {
            int i = it - warmup;
            for (int width : W_WIDTHS) {
                int h = (int) Math.max(1, Math.round(decoded.height() * (width / (double) decoded.width())));
                long a = System.nanoTime();
                BufferedImage img = Resampler.resize(decoded.image(), width, h);
                long b = System.nanoTime();
                Encoders.forFormat(ImageFormat.JPEG).encode(img, new EncodeOptions(85, false, true));
                long c = System.nanoTime();
                if (width == 1280) {
                    Encoders.forFormat(ImageFormat.WEBP).encode(img, new EncodeOptions(85, false, true));
                }
                long d = System.nanoTime();
                if (i >= 0) {
                    rec(per, "resize " + width, i, iters, b - a);
                    rec(per, "jpeg " + width, i, iters, c - b);
                    if (width == 1280) {
                        rec(per, "webp 1280 encode", i, iters, d - c);
                    }
                }
            }
        }

        // ---- 1 / 5 / 20 sizes through SourceProcessor.process ----------------------------------------------------
        Map<String, double[]> sizes = new LinkedHashMap<>();
        int[][] sets = {{1920}, W_WIDTHS, TWENTY};
        for (int[] set : sets) {
            List<OperationSpec> ops = List.of(resize(set), CompressSpec.quality(85));
            for (int it = 0; it < warmup + iters; it++) {
                long a = System.nanoTime();
                processor.process(src, ops);
                if (it >= warmup) {
                    rec(sizes, set.length + (set.length == 1 ? " size (1920w)" : " sizes"), it - warmup, iters,
                            System.nanoTime() - a);
                }
            }
        }

        String rssAfterSizes = vmHwm();

        // ---- quality: the 800 px pipeline pixels (lossless PNG output) vs an exact floating-point Lanczos3 ----------
        List<Output> png = pipeline.run(decoded, List.of(resize(W_WIDTHS), ConvertSpec.of(ImageFormat.PNG)));
        BufferedImage ours = png.stream().filter(o -> o.width() == 800).findFirst()
                .map(o -> read(o.bytes())).orElseThrow();
        double[][] ref = ExactLanczos3.resize(decoded.image(), ours.getWidth(), ours.getHeight());
        double psnr = psnr(ours, ref);
        Double psnrLanczos = null;
        Double psnrBicubic = null;
        if (!Boolean.getBoolean("bench.quick")) {
            psnrLanczos = psnr(ImmutableImage.wrapAwt(decoded.image())
                    .scaleTo(ours.getWidth(), ours.getHeight(), ScaleMethod.Lanczos3).awt(), ref);
            psnrBicubic = psnr(ImmutableImage.wrapAwt(decoded.image())
                    .scaleTo(ours.getWidth(), ours.getHeight(), ScaleMethod.Bicubic).awt(), ref);
        }

        // ---- libvips in the same invocation ------------------------------------------------------------------------
        Double vips = null;
        String vipsLine = null;
        if (vipsw != null && new File(vipsw).canExecute()) {
            Path dir = Files.createTempDirectory("vipsw");
            Process p = new ProcessBuilder(vipsw, input.toString(), dir.toString(), String.valueOf(iters),
                    String.valueOf(warmup), "thumb").redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("SUMMARY")) {
                        vipsLine = line;
                        Matcher m = Pattern.compile("total_med=([0-9.]+)").matcher(line);
                        if (m.find()) {
                            vips = Double.parseDouble(m.group(1));
                        }
                    }
                }
            }
            p.waitFor();
        }

        // ---- table -------------------------------------------------------------------------------------------------
        System.out.println();
        System.out.println("| measure | median ms (of " + iters + ", after " + warmup + " warm-up) | min | max |");
        System.out.println("|---|---:|---:|---:|");
        for (Map<String, double[]> m : List.of(w, per, sizes)) {
            m.forEach((k, v) -> System.out.printf("| %s | %.1f | %.1f | %.1f |%n", k, median(v), min(v), max(v)));
        }
        double total = median(w.get("W total"));
        double one = median(sizes.get("1 size (1920w)"));
        double twenty = median(sizes.get("20 sizes"));
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        System.out.printf("| W total (median) | %.1f ms |%n", total);
        System.out.printf("| 20 sizes / 1 size (process incl. decode) | %.2fx |%n", twenty / one);
        System.out.printf("| PSNR 800 px vs exact float Lanczos3 | %.2f dB |%n", psnr);
        if (psnrLanczos != null) {
            System.out.printf("| (calibration) Scrimage Lanczos3 / Bicubic direct | %.2f / %.2f dB |%n", psnrLanczos,
                    psnrBicubic);
        }
        System.out.printf("| peak heap during W (sum of heap pool peaks) | %d MB |%n", peakHeap >> 20);
        System.out.printf("| GC during run | %s |%n", gcSummary());
        System.out.printf("| peak RSS (VmHWM) after W / after 1-5-20 sizes | %s / %s |%n", rssAfterW, rssAfterSizes);
        if (vips != null) {
            System.out.printf("| libvips thumb W (same run) | %.1f ms |%n", vips);
            System.out.printf("| ratio W / libvips | %.2fx |%n", total / vips);
            System.out.println(vipsLine);
        } else {
            System.out.println("| libvips | not run (pass the vipsw binary as 2nd argument or -Dvipsw=) |");
        }
        System.out.println();
        for (Output o : lastOutputs) {
            System.out.printf("output %s/%s %dx%d %d bytes%n", o.variant(), o.extension(), o.width(), o.height(),
                    o.bytes().length);
        }
    }

    /** The helper-thread count of the pipeline under test (absent in the original pipeline, hence reflection). */
    private static String helperThreads() {
        try {
            return String.valueOf(Class.forName("com.imagecogni.pipeline.image.Parallel")
                    .getMethod("helperThreads").invoke(null));
        } catch (ReflectiveOperationException e) {
            return "n/a (single-threaded pipeline)";
        }
    }

    private static ResizeSpec resize(int... widths) {
        List<SizeSpec> s = new ArrayList<>();
        for (int width : widths) {
            s.add(SizeSpec.width(width));
        }
        return new ResizeSpec(s, Fit.CONTAIN, false, null);
    }

    private static void makeInput(Path out) throws IOException {
        BufferedImage photo = ImageIO.read(new File(PHOTO));
        BufferedImage scaled = ImmutableImage.wrapAwt(photo).scaleTo(4000, 3000, ScaleMethod.Lanczos3).awt();
        BufferedImage rgb = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(scaled, 0, 0, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.90f);
            writer.write(null, new IIOImage(rgb, null, null), p);
        }
        writer.dispose();
        Files.write(out, bytes.toByteArray());
        System.out.println("generated " + out + " from " + PHOTO);
    }

    private static BufferedImage read(byte[] b) {
        try {
            return ImageIO.read(new ByteArrayInputStream(b));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rec(Map<String, double[]> m, String k, int i, int n, long nanos) {
        m.computeIfAbsent(k, x -> new double[n])[i] = nanos / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String gcSummary() {
        long n = 0;
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return n + " collections, " + ms + " ms";
    }

    private static String vmHwm() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return "n/a";
    }

    private static double psnr(BufferedImage img, double[][] ref) {
        int w = img.getWidth();
        int h = img.getHeight();
        double sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    double d = ((p >> (16 - 8 * c)) & 0xFF) - ref[y][x * 3 + c];
                    sum += d * d;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / (3.0 * w * h)));
    }

    /** Slow, exact, floating-point separable Lanczos3 (kernel widened by the reduction factor, edge weights renormalised). */
    static final class ExactLanczos3 {

        static double[][] resize(BufferedImage src, int w, int h) {
            int sw = src.getWidth();
            int sh = src.getHeight();
            double[][] plane = new double[sh][sw * 3];
            int[] row = new int[sw];
            for (int y = 0; y < sh; y++) {
                src.getRGB(0, y, sw, 1, row, 0, sw);
                for (int x = 0; x < sw; x++) {
                    plane[y][3 * x] = (row[x] >> 16) & 0xFF;
                    plane[y][3 * x + 1] = (row[x] >> 8) & 0xFF;
                    plane[y][3 * x + 2] = row[x] & 0xFF;
                }
            }
            double[][] hx = new double[sh][w * 3];
            double[][] wx = weights(sw, w);
            int[] fx = firsts(sw, w);
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < w; x++) {
                    for (int t = 0; t < wx[x].length; t++) {
                        int sx = fx[x] + t;
                        for (int c = 0; c < 3; c++) {
                            hx[y][3 * x + c] += wx[x][t] * plane[y][3 * sx + c];
                        }
                    }
                }
            }
            double[][] wy = weights(sh, h);
            int[] fy = firsts(sh, h);
            double[][] out = new double[h][w * 3];
            for (int y = 0; y < h; y++) {
                for (int t = 0; t < wy[y].length; t++) {
                    double[] in = hx[fy[y] + t];
                    double k = wy[y][t];
                    for (int i = 0; i < w * 3; i++) {
                        out[y][i] += k * in[i];
                    }
                }
            }
            return out;
        }

        private static double support(int in, int out) {
            return 3.0 * Math.max(1.0, in / (double) out);
        }

        private static int[] firsts(int in, int out) {
            int[] f = new int[out];
            double scale = in / (double) out;
            double s = support(in, out);
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * scale;
                f[o] = Math.max(0, (int) Math.floor(centre - s));
            }
            return f;
        }

        private static double[][] weights(int in, int out) {
            double scale = in / (double) out;
            double filterScale = Math.max(1.0, scale);
            double s = support(in, out);
            double[][] w = new double[out][];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * scale;
                int first = Math.max(0, (int) Math.floor(centre - s));
                int last = Math.min(in - 1, (int) Math.ceil(centre + s));
                double[] k = new double[last - first + 1];
                double sum = 0;
                for (int i = first; i <= last; i++) {
                    k[i - first] = lanczos3((i + 0.5 - centre) / filterScale);
                    sum += k[i - first];
                }
                for (int i = 0; i < k.length; i++) {
                    k[i] /= sum;
                }
                w[o] = k;
            }
            return w;
        }

        private static double lanczos3(double x) {
            x = Math.abs(x);
            if (x < 1e-12) {
                return 1;
            }
            if (x >= 3) {
                return 0;
            }
            double px = Math.PI * x;
            return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
        }
    }
}
