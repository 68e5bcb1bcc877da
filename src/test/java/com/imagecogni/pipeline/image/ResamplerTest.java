package com.imagecogni.pipeline.image;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sizes below the Lanczos3 footprint (found by the fuzzer as 16x1 slivers) and the exact area-average fallback. */
class ResamplerTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    @ParameterizedTest
    @CsvSource({"1000,50,16,1", "65535,32,16,1", "100,100,2,2", "3,3,1,1", "6,6,3,3", "1,1,16,16", "2,2,1200,630",
            "5,1,80,16", "1,500,16,8000", "48,32,16,10"})
    void everySizeResizes(int sw, int sh, int w, int h) {
        BufferedImage out = RUNTIME.resampler().resize(TestImages.gradient(sw, sh), w, h);
        assertEquals(w + "x" + h, out.getWidth() + "x" + out.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, out.getType());
    }

    @Test
    void areaAverageWeighsPartialCoverage() {
        assertEquals(java.util.List.of(50, 120), reds(AreaAverage.resize(row(0, 100, 200, 40), 2, 1)));
        // 3 -> 2: each output covers 1.5 source pixels, so the middle one counts half for each
        assertEquals(java.util.List.of(30, 150), reds(AreaAverage.resize(row(0, 90, 180), 2, 1)));
        assertEquals(java.util.List.of(105), reds(AreaAverage.resize(row(0, 90, 180, 150), 1, 1)));
    }

    @Test
    void enlargingATinySourceKeepsColourAndAlpha() {
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        one.setRGB(0, 0, 0x80336699);
        BufferedImage big = RUNTIME.resampler().resize(one, 20, 10);
        assertEquals(BufferedImage.TYPE_INT_ARGB, big.getType());
        assertEquals(0x80336699, big.getRGB(19, 9));
        assertEquals(0x80336699, big.getRGB(0, 0));
    }

    private static BufferedImage row(int... reds) {
        BufferedImage img = new BufferedImage(reds.length, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < reds.length; x++) {
            img.setRGB(x, 0, reds[x] << 16);
        }
        return img;
    }

    private static java.util.List<Integer> reds(BufferedImage img) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int x = 0; x < img.getWidth(); x++) {
            out.add(TestImages.red(img.getRGB(x, 0)));
        }
        return out;
    }
}
