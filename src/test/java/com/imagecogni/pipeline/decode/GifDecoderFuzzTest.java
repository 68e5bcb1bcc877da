package com.imagecogni.pipeline.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.imagecogni.pipeline.model.ImageFormat;

/** Fuzz target: the GIF header parser and decoder (see {@link DecoderFuzzing}). */
class GifDecoderFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        DecoderFuzzing.check(ImageFormat.GIF, data);
    }
}
