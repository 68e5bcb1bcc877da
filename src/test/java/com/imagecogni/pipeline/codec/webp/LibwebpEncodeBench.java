package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.support.EncodeTimer;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.encode.WebpEncoder;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Measurement, not a test: encode time and size of a 1280x960 photo at quality 80 (method 4) through the system
 * libwebp binding and through webp-imageio (the existing WebpEncoder). Run with the test classpath:
 * {@code java --enable-native-access=ALL-UNNAMED -cp ... LibwebpEncodeBench [photo.jpg]}.
 */
public final class LibwebpEncodeBench {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final int RUNS = 15;

    private LibwebpEncodeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "../shared/photos/dragonfly-4224x3168.jpg");
        BufferedImage photo = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel())
                .decode(Files.readAllBytes(source)).image();
        BufferedImage image = RUNTIME.resampler().resize(photo, 1280, 960);
        EncodeOptions q80 = new EncodeOptions(80, false, true); // default effort = method 4 in both
        LibwebpEncoder libwebp = new LibwebpEncoder();
        WebpEncoder imageio = new WebpEncoder();
        System.out.println("libwebp " + Libwebp.problems() + ", source " + source + " -> 1280x960, q80");
        report("system libwebp 1.2.4 (FFM)", () -> libwebp.encode(image, q80));
        report("webp-imageio (JNI)       ", () -> imageio.encode(image, q80));
        report("system libwebp 1.2.4 (FFM)", () -> libwebp.encode(image, q80));
        report("webp-imageio (JNI)       ", () -> imageio.encode(image, q80));
    }

    private static void report(String name, Supplier<byte[]> encode) {
        EncodeTimer.report(name, RUNS, encode);
    }
}
