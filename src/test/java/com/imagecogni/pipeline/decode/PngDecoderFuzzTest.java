package com.imagecogni.pipeline.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.imagecogni.pipeline.model.ImageFormat;

/** Fuzz target: the PNG header parser and decoder (see {@link DecoderFuzzing}). */
class PngDecoderFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        DecoderFuzzing.check(ImageFormat.PNG, data);
    }
}
