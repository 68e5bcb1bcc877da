package com.imagecogni.pipeline.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.imagecogni.pipeline.model.ImageFormat;

/** Fuzz target: the JPEG header parser and decoder (see {@link DecoderFuzzing}). */
class JpegDecoderFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        DecoderFuzzing.check(ImageFormat.JPEG, data);
    }
}
