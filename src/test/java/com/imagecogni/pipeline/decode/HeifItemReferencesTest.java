package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.codec.heif.HeifFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeifItemReferencesTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    /** The fuzzer's find: libheif 1.15 aborts the process on it; the guard refuses it first, and so does the decoder. */
    @Test
    void aGridThatListsItselfAsATileIsRefusedBeforeLibheifSeesIt() throws IOException {
        byte[] file;
        try (InputStream in = getClass().getResourceAsStream(
                "HeifDecoderFuzzTestInputs/decode/self-referencing-grid-aborts-libheif-1.15.heic")) {
            file = in.readAllBytes();
        }
        assertThatThrownBy(() -> HeifItemReferences.check(file)).isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("derives from itself");
        assertThatThrownBy(() -> new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(file))
                .isInstanceOfSatisfying(InputRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT_IMAGE));
    }

    @Test
    void theLargestImageSizeIsReadWithoutLibheif() {
        byte[] heic = HeifFiles.heic(TestImages.gradient(320, 240), 60, 1);
        HeifItemReferences.check(heic); // an ordinary file passes
        assertThat(HeifItemReferences.largestImagePixels(heic)).isEqualTo(320L * 240);
        assertThat(HeifItemReferences.largestImagePixels(new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'})).isZero();
    }
}
