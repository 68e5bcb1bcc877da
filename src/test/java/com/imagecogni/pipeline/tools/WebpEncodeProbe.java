package com.imagecogni.pipeline.tools;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.encode.JpegEncoder;
import com.imagecogni.pipeline.encode.WebpEncoder;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Arrays;

/** One-off measurement for NOTES.md (not a test): WebP encode time at 1280 px and what webp-imageio puts in /tmp. */
public final class WebpEncodeProbe {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private WebpEncodeProbe() {
    }

    public static void main(String[] args) {
        File tmp = new File(System.getProperty("java.io.tmpdir"));
        System.out.println("tmpdir " + tmp + " before: " + listWebp(tmp));
        BufferedImage photo = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel())
                .decode(TestImages.photo()).image();
        BufferedImage img = RUNTIME.resampler().resize(photo, 1280, 720);
        WebpEncoder webp = new WebpEncoder();
        JpegEncoder jpeg = new JpegEncoder();
        long t0 = System.nanoTime();
        byte[] first = webp.encode(img, EncodeOptions.DEFAULT);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("first WebP encode (includes native load): " + firstMs + " ms, " + first.length + " bytes");
        System.out.println("tmpdir after first use: " + listWebp(tmp));
        for (int q : new int[] {80, 85}) {
            long[] ms = new long[10];
            int size = 0;
            for (int i = 0; i < ms.length; i++) {
                long s = System.nanoTime();
                size = webp.encode(img, new EncodeOptions(q, false, true)).length;
                ms[i] = (System.nanoTime() - s) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.println("WebP q" + q + " 1280x720: median " + ms[ms.length / 2] + " ms, " + size + " bytes");
            long s = System.nanoTime();
            int jsize = jpeg.encode(img, new EncodeOptions(q, false, true)).length;
            System.out.println("JPEG q" + q + " 1280x720: " + (System.nanoTime() - s) / 1_000_000 + " ms, " + jsize + " bytes");
        }
    }

    private static String listWebp(File dir) {
        String[] names = dir.list((d, n) -> n.toLowerCase().contains("webp"));
        return names == null ? "[]" : Arrays.toString(names);
    }
}
