package com.imagecogni.pipeline.bench;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.NativeCallRecorder;
import com.imagecogni.pipeline.Output;
import com.imagecogni.pipeline.Pipeline;
import com.imagecogni.pipeline.SourceProcessor;
import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.codec.heif.AvifEncoder;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodedImage;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.image.Parallel;
import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.ScaleMethod;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Issue #13's figures through the real pipeline API, warm, side by side with libvips (not a test; prints figures,
 * asserts nothing): workload W, W from a HEIC with an AVIF, the AVIF encode alone, peak heap, PSNR.
 *
 * <p>W = two configurations on one 12 MP JPEG: {@code [resize 1920w,1280w,800w,400w,150w; compress 85]} and
 * {@code [resize 1280w; convert webp; compress 85]}, decoded once for the first ({@link WorkloadRun}). W-HEIC = the
 * same photo as HEIC, the second configuration {@code [resize 1280w; convert avif; compress 60 effort 4]}.
 *
 * <p>Usage: {@code PipelineBench [input.jpg] [vipsw]}. System properties: {@code bench.iters} (10),
 * {@code bench.warmup} (6), {@code bench.heic.iters} (8), {@code bench.heic.warmup} (2), {@code bench.quick=true}
 * (no Scrimage calibration), {@code bench.only=w} with {@code bench.out=FILE} (W and its heap only, medians saved for
 * the next run: bin/bench-pipeline runs it first with the native codecs disabled), {@code bench.baseline=FILE} (those
 * figures, printed beside this run's), {@code bench.heapNew=FILE} and {@code bench.heapToday=FILE} (the same from two
 * JVMs with a fixed young generation, for the peak heap ratio).
 */
public final class PipelineBench {

    /** Every step's time, from every pipeline below: they all run on {@link #RUNTIME}, which reports here. */
    private static final StepTotals STEPS = new StepTotals();
    private static final PipelineRuntime RUNTIME = new PipelineRuntime(Parallel.defaultHelperThreads(), STEPS);

    private static final int[] W_WIDTHS = {1920, 1280, 800, 400, 150};
    private static final int[] TWENTY = {1920, 1800, 1600, 1440, 1280, 1200, 1080, 1024, 960, 900, 800, 720, 640, 600,
        512, 480, 400, 320, 240, 150};
    private static final String PHOTO = System.getProperty("bench.source", "../shared/photos/dragonfly-4224x3168.jpg");
    private static final List<OperationSpec> JPEGS = List.of(resize(W_WIDTHS), CompressSpec.quality(85));
    private static final List<OperationSpec> WEBP = List.of(resize(1280), ConvertSpec.of(ImageFormat.WEBP),
            CompressSpec.quality(85));
    /** libvips heifsave's Q and effort in vipsw's avif mode (VIPSW_AVIF_Q, VIPSW_AVIF_EFFORT defaults). */
    private static final int AVIF_Q = 60;
    private static final int AVIF_EFFORT = 4;
    private static final List<OperationSpec> AVIF = List.of(resize(1280), ConvertSpec.of(ImageFormat.AVIF),
            new CompressSpec(AVIF_Q, false, true, false, AVIF_EFFORT, false));

    private final int iters = Integer.getInteger("bench.iters", 10);
    private final int warmup = Integer.getInteger("bench.warmup", 6);
    private final DecodeLimits limits = DecodeLimits.defaults();
    private final SourceDecoder decoder = new SourceDecoder(limits, RUNTIME.parallel());
    private final Pipeline pipeline = new Pipeline(limits.maxPixels(), RUNTIME);
    private final Table table = new Table();
    private final Vipsw vipsw;
    private final Path input;
    private final byte[] src;

    private PipelineBench(Path input, Vipsw vipsw) throws IOException {
        this.input = input;
        this.vipsw = vipsw;
        this.src = Files.readAllBytes(input);
    }

    public static void main(String[] args) throws Exception {
        Path input = BenchInputs.jpeg(Path.of(args.length > 0 ? args[0] : "/tmp/bench-12mp-4000x3000-q90.jpg"), PHOTO);
        PipelineBench bench = new PipelineBench(input, Vipsw.at(args.length > 1 ? args[1] : System.getProperty("vipsw")));
        System.out.printf("input %s (%d bytes), %d cores, java %s, max heap %d MB, codecs %s%n", input,
                bench.src.length, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Codecs.report());
        if ("w".equals(System.getProperty("bench.only"))) {
            bench.saveW(bench.workloadW(), Path.of(System.getProperty("bench.out", "target/bench-w.properties")));
            return;
        }
        if ("avif".equals(System.getProperty("bench.only"))) {
            bench.avifAlone(); // the AVIF encode against libvips heifsave, alone (-Dbench.only=avif)
            bench.table.print(bench.iters, bench.warmup);
            return;
        }
        bench.all();
    }

    private void all() throws Exception {
        Properties w = workloadW();
        psnr();
        twoJobs();
        sizes();
        vipsW(w);
        baseline(w);
        heic();
        avifAlone();
        table.print(iters, warmup);
    }

    /** W timed, with the heap high-water marks of its measured iterations (nothing else has run in this JVM yet). */
    private Properties workloadW() {
        WorkloadRun run = new WorkloadRun(decoder, pipeline, STEPS);
        run.run(src, JPEGS, WEBP, "WebP 1280 (resize+encode)", warmup, 0);
        HeapPeak.reset();
        WorkloadRun.Result r = run.run(src, JPEGS, WEBP, "WebP 1280 (resize+encode)", 0, iters);
        Properties p = new Properties();
        r.samples().medians().forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        p.setProperty("heap.poolPeaks", String.valueOf(HeapPeak.poolPeaksBytes()));
        p.setProperty("heap.afterGc", String.valueOf(HeapPeak.afterGcPeakBytes()));
        p.setProperty("decoded", r.decodedWidth() + "x" + r.decodedHeight());
        p.setProperty("youngGen", youngGenOption());
        table.rows("W ", r.samples());
        table.fact("W: decoded size (first configuration's largest output decides the DCT scale)", p.getProperty("decoded"));
        table.fact("W: peak heap, sum of heap pool peaks / largest heap after a GC", mb(p, "heap.poolPeaks") + " / "
                + mb(p, "heap.afterGc") + " (" + HeapPeak.gcSummary() + ", VmHWM " + HeapPeak.vmHwm() + ")");
        r.outputs().forEach(o -> table.fact("W output " + o.variant() + "/" + o.extension(),
                o.width() + "x" + o.height() + ", " + o.bytes().length + " bytes"));
        return p;
    }

    private void saveW(Properties w, Path out) throws IOException {
        try (Writer writer = Files.newBufferedWriter(out)) {
            w.store(writer, "PipelineBench W, codecs " + Codecs.report());
        }
        table.print(iters, warmup);
        System.out.println("saved W figures to " + out);
    }

    /** PSNR of the 800 px output against an exact float Lanczos3 from the full-size decode, new and full paths. */
    private void psnr() {
        List<OperationSpec> png = List.of(resize(W_WIDTHS), ConvertSpec.of(ImageFormat.PNG));
        DecodedImage full = decoder.decode(src);
        BufferedImage scaledPath = out800(pipeline.run(decoder.decode(src, png, NativeCallRecorder.NONE), png));
        BufferedImage fullPath = out800(pipeline.run(full, png));
        double[][] ref = ExactLanczos3.resize(full.image(), scaledPath.getWidth(), scaledPath.getHeight());
        table.fact("PSNR 800 px vs exact float Lanczos3 of the full decode: new path (DCT-scaled decode)",
                String.format("%.2f dB", ExactLanczos3.psnr(scaledPath, ref)));
        table.fact("PSNR 800 px, same pipeline from the full-size decode", String.format("%.2f dB",
                ExactLanczos3.psnr(fullPath, ref)));
        if (!Boolean.getBoolean("bench.quick")) {
            table.fact("(calibration) Scrimage Lanczos3 / Bicubic from the full decode", String.format("%.2f / %.2f dB",
                    ExactLanczos3.psnr(scrimage(full, fullPath, ScaleMethod.Lanczos3), ref),
                    ExactLanczos3.psnr(scrimage(full, fullPath, ScaleMethod.Bicubic), ref)));
        }
    }

    /** W as production runs it: one {@link SourceProcessor#process} per configuration, each decoding for itself. */
    private void twoJobs() {
        SourceProcessor processor = new SourceProcessor(limits, RUNTIME);
        Samples s = new Samples();
        for (int it = 0; it < warmup + iters; it++) {
            long t0 = System.nanoTime();
            processor.process(src, JPEGS);
            processor.process(src, WEBP);
            if (it >= warmup) {
                s.add("total, as two process() calls (two decodes)", System.nanoTime() - t0);
            }
        }
        table.rows("W ", s);
    }

    /** 1, 5 and 20 JPEG sizes through {@link SourceProcessor#process} (decode included). */
    private void sizes() {
        SourceProcessor processor = new SourceProcessor(limits, RUNTIME);
        Samples s = new Samples();
        for (int[] set : new int[][] {{1920}, W_WIDTHS, TWENTY}) {
            List<OperationSpec> ops = List.of(resize(set), CompressSpec.quality(85));
            for (int it = 0; it < warmup + iters; it++) {
                long t0 = System.nanoTime();
                processor.process(src, ops);
                if (it >= warmup) {
                    s.add(set.length + (set.length == 1 ? " size (1920w)" : " sizes"), System.nanoTime() - t0);
                }
            }
        }
        table.rows("process() ", s);
        table.fact("20 sizes / 1 size", String.format("%.2fx", s.median("20 sizes") / s.median("1 size (1920w)")));
    }

    /** libvips on W: {@code thumb} (the reference this bench has always used) and {@code decode1}. */
    private void vipsW(Properties w) throws Exception {
        if (vipsw == null) {
            table.fact("libvips", "not run (pass the vipsw binary as 2nd argument or -Dvipsw=)");
            return;
        }
        double ours = Double.parseDouble(w.getProperty("total"));
        Vipsw.Result thumb = vipsw.run(input, iters, warmup, "thumb");
        table.ratio("W (5 JPEG q85 + WebP q85) vs libvips thumb", ours, thumb.median("total"), "<= 0.5x");
        Vipsw.Result decode1 = vipsw.run(input, iters, warmup, "decode1");
        table.ratio("W vs libvips decode1 (decode whole once)", ours, decode1.median("total"), "");
        table.fact("libvips thumb", thumb.summary());
        table.fact("libvips decode1", decode1.summary());
        w.setProperty("vips.thumb", String.valueOf(thumb.median("total")));
    }

    /** The figures of the run with the native codecs disabled (bin/bench-pipeline's first JVM), beside this one's. */
    private void baseline(Properties w) throws IOException {
        Properties b = load("bench.baseline");
        if (b == null) {
            return;
        }
        for (String key : List.of("decode", "5 JPEGs (resize+encode)", "WebP 1280 (resize+encode)", "total")) {
            table.fact("W, native codecs disabled (ImageIO, own JVM): " + key, ms(b, key));
        }
        b.stringPropertyNames().stream().filter(k -> k.startsWith("step ")).sorted().forEach(k ->
                table.fact("W, native codecs disabled: " + k, ms(b, k)));
        if (w.containsKey("vips.thumb")) {
            table.ratio("W with native codecs disabled vs libvips thumb", Double.parseDouble(b.getProperty("total")),
                    Double.parseDouble(w.getProperty("vips.thumb")), "");
        }
        table.ratio("W new / W codecs disabled (time)", Double.parseDouble(w.getProperty("total")),
                Double.parseDouble(b.getProperty("total")), "");
        table.fact("today's decoded size (codecs disabled)", b.getProperty("decoded"));
        heapRatios("default young gen, W timing JVMs", w, b, "<= 0.60x");
        Properties fixedNew = load("bench.heapNew");
        Properties fixedToday = load("bench.heapToday");
        if (fixedNew != null && fixedToday != null) {
            heapRatios("fixed young gen " + fixedNew.getProperty("youngGen", "?") + ", own JVMs", fixedNew, fixedToday,
                    "<= 0.60x");
        }
    }

    private void heapRatios(String how, Properties now, Properties today, String target) {
        table.ratio("peak heap per 12 MP JPEG, new / today, sum of heap pool peaks, MB (" + how + ")",
                mbValue(now, "heap.poolPeaks"), mbValue(today, "heap.poolPeaks"), target);
        table.ratio("peak heap per 12 MP JPEG, new / today, largest heap after a GC, MB (" + how + ")",
                mbValue(now, "heap.afterGc"), mbValue(today, "heap.afterGc"), "");
    }

    /** The properties saved by a {@code bench.only=w} run at the path in system property {@code key}, or null. */
    private static Properties load(String key) throws IOException {
        String file = System.getProperty(key);
        if (file == null || !Files.exists(Path.of(file))) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file))) {
            p.load(r);
        }
        return p;
    }

    private static String ms(Properties p, String key) {
        return String.format("%.1f ms", Double.parseDouble(p.getProperty(key)));
    }

    /** W-HEIC: five JPEGs q85 + AVIF 1280 Q60 effort 4 from the photo as a 12 MP HEIC, vs libvips decode1 avif. */
    private void heic() throws Exception {
        Path heic = BenchInputs.heic(input);
        if (heic == null || Codecs.missingDecoder(ImageFormat.HEIC).isPresent()) {
            table.fact("W-HEIC", "not run (no HEIC source or no libheif HEVC decoder)");
            return;
        }
        int hIters = Integer.getInteger("bench.heic.iters", 8);
        int hWarm = Integer.getInteger("bench.heic.warmup", 2);
        WorkloadRun.Result r = new WorkloadRun(decoder, pipeline, STEPS).run(Files.readAllBytes(heic), JPEGS, AVIF,
                "AVIF 1280 (resize+encode)", hWarm, hIters);
        table.rows("W-HEIC ", r.samples());
        table.fact("W-HEIC source", heic + " (" + Files.size(heic) + " bytes, heif-enc -q " + BenchInputs.HEIC_QUALITY
                + ")");
        Output avif = r.outputs().stream().filter(o -> o.format() == ImageFormat.AVIF).findFirst().orElseThrow();
        if (vipsw != null) {
            Vipsw.Result v = vipsw.run(heic, hIters, hWarm, "decode1", "avif");
            table.ratio("W-HEIC (5 JPEG q85 + AVIF 1280 Q60 e4) vs libvips decode1 avif", r.samples().median("total"),
                    v.median("total"), "<= 1.0x");
            table.ratio("W-HEIC decode vs libvips decode", r.samples().median("decode"), v.median("decode"), "");
            table.ratio("W-HEIC AVIF 1280 (resize+encode) vs libvips heifsave (+lazy resize)",
                    r.samples().median("AVIF 1280 (resize+encode)"), v.median("webp1280"), "");
            table.ratio("W-HEIC AVIF bytes vs libvips", avif.bytes().length, v.outputBytes("vipsc_decode1_1280.avif"),
                    "");
            table.fact("libvips decode1 avif (HEIC)", v.summary());
        }
    }

    /** Our AvifEncoder alone vs libvips heifsave on the same 1280x960 pixels, Q60 effort 4: time and size. */
    private void avifAlone() throws Exception {
        DecodedImage decoded = decoder.decode(src, JPEGS, NativeCallRecorder.NONE);
        BufferedImage img = RUNTIME.resampler().resize(decoded.image(), 1280, 960);
        EncodeOptions options = new EncodeOptions(AVIF_Q, false, true, false, AVIF_EFFORT, false);
        int aIters = Integer.getInteger("bench.heic.iters", 8);
        int aWarm = Integer.getInteger("bench.heic.warmup", 2);
        Samples s = new Samples();
        byte[] bytes = null;
        for (int it = 0; it < aWarm + aIters; it++) {
            long t0 = System.nanoTime();
            bytes = new AvifEncoder().encode(img, options, SourceMetadata.NONE);
            if (it >= aWarm) {
                s.add("AVIF 1280x960 Q60 effort 4 encode", System.nanoTime() - t0);
            }
        }
        table.rows("", s);
        if (vipsw != null) {
            Path png = Files.createTempFile("bench-1280", ".png");
            ImageIO.write(img, "png", png.toFile());
            Vipsw.Result v = vipsw.run(png, aIters, aWarm, "decode1", "avif");
            table.ratio("AVIF 1280 encode alone vs libvips heifsave (same pixels, Q60 effort 4)",
                    s.median("AVIF 1280x960 Q60 effort 4 encode"), v.median("webp1280"), "<= 1.0x");
            table.ratio("AVIF 1280 size, ours / libvips (bytes)", bytes.length,
                    v.outputBytes("vipsc_decode1_1280.avif"), "0.90x..1.10x");
        }
    }

    /** The -Xmn this JVM was started with, or "default". */
    private static String youngGenOption() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Xmn"))
                .findFirst().orElse("default");
    }

    private static BufferedImage out800(List<Output> outputs) {
        return outputs.stream().filter(o -> o.width() == 800).findFirst().map(o -> read(o.bytes())).orElseThrow();
    }

    private static BufferedImage scrimage(DecodedImage full, BufferedImage like, ScaleMethod method) {
        return ImmutableImage.wrapAwt(full.image()).scaleTo(like.getWidth(), like.getHeight(), method).awt();
    }

    private static String mb(Properties p, String key) {
        return Math.round(mbValue(p, key)) + " MB";
    }

    private static double mbValue(Properties p, String key) {
        return Long.parseLong(p.getProperty(key)) / (1024.0 * 1024.0);
    }

    private static ResizeSpec resize(int... widths) {
        List<SizeSpec> s = new ArrayList<>();
        for (int width : widths) {
            s.add(SizeSpec.width(width));
        }
        return new ResizeSpec(s, Fit.CONTAIN, false, null);
    }

    private static BufferedImage read(byte[] b) {
        try {
            return ImageIO.read(new ByteArrayInputStream(b));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
