package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.PipelineRuntime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeifCanvasesTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    /** The CI fuzzer's find of 2026-12-02: libheif 1.15 dies with SIGSEGV on it; the guard refuses it first. */
    @Test
    void aGridCanvasLargerThanItsDeclaredSizeIsRefusedBeforeLibheifSeesIt() throws IOException {
        byte[] file = input("grid-canvas-over-its-declared-size-crashes-libheif-1.15.heic");
        assertThatThrownBy(() -> HeifCanvases.check(file)).isInstanceOf(InputRejectedException.class)
                .hasMessage("the HEIF grid item 2 declares a 26725x30328 canvas but an image size of 16x16");
        assertThatThrownBy(() -> new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(file))
                .isInstanceOfSatisfying(InputRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT_IMAGE));
    }

    /** The seed it came from: a one-tile grid whose descriptor lies in the idat box, decoded as before. */
    @Test
    void aGridWhoseCanvasIsItsDeclaredSizeDecodes() throws IOException {
        byte[] file = input("tiny-16x16.heic");
        HeifCanvases.check(file);
        DecodedImage image = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(file);
        assertThat(image.image().getWidth()).isEqualTo(16);
        assertThat(image.image().getHeight()).isEqualTo(16);
    }

    private byte[] input(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("HeifDecoderFuzzTestInputs/decode/" + name)) {
            return in.readAllBytes();
        }
    }
}
