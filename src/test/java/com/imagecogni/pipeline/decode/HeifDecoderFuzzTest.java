package com.imagecogni.pipeline.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.imagecogni.pipeline.model.ImageFormat;

import java.util.Optional;

/**
 * Fuzz target: HEIC and AVIF through the guard and libheif (see {@link DecoderFuzzing}). A fault inside libheif kills
 * the fuzzing JVM, which is a finding too: the first one, a grid deriving from itself, is kept in the inputs and is
 * now refused by {@link HeifItemReferences} before libheif sees it.
 */
class HeifDecoderFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        Optional<ImageFormat> format = FormatSniffer.detect(data);
        if (format.equals(Optional.of(ImageFormat.HEIC)) || format.equals(Optional.of(ImageFormat.AVIF))) {
            DecoderFuzzing.check(format.get(), data);
        }
    }
}
