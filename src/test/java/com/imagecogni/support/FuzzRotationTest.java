package com.imagecogni.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;


/** The daily fuzzing shares cover every decoder fuzz target exactly once per rotation. */
class FuzzRotationTest {

    @Test
    void everyTargetIsFuzzedOnceInEachRotation() {
        List<String> targets = FuzzRotation.targets(FuzzRotationTest.class);
        assertTrue(targets.contains("com.imagecogni.pipeline.decode.PngDecoderFuzzTest"), targets.toString());
        assertTrue(targets.size() >= 10, "every *DecoderFuzzTest class is found: " + targets);
        for (int rotation = 1; rotation <= 3; rotation++) {
            int n = rotation;
            for (int index = 0; index < targets.size(); index++) {
                int i = index;
                assertEquals(1, IntStream.range(0, n).filter(share -> FuzzRotation.chosen(i, n, share)).count(),
                        targets.get(index) + " with rotation " + n);
            }
        }
    }
}
