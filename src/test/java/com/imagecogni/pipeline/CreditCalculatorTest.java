package com.imagecogni.pipeline;

import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.RotateSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CreditCalculatorTest {

    private static ResizeSpec resize(int n) {
        List<SizeSpec> sizes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sizes.add(SizeSpec.width(100 + i));
        }
        return new ResizeSpec(sizes, Fit.CONTAIN, false, null);
    }

    private static final CompressSpec COMPRESS = CompressSpec.quality(80);
    private static final ConvertSpec CONVERT2 = ConvertSpec.of(ImageFormat.WEBP, ImageFormat.JPEG);

    @Test
    void creditsCountEveryProducedImage() {
        assertEquals(40, CreditCalculator.creditsPerSource(List.of(resize(20), COMPRESS)));
        assertEquals(21, CreditCalculator.creditsPerSource(List.of(COMPRESS, resize(20))));
        assertEquals(12, CreditCalculator.creditsPerSource(List.of(resize(3), COMPRESS, CONVERT2)));
        assertEquals(9, CreditCalculator.creditsPerSource(List.of(resize(3), CONVERT2)));
        assertEquals(0, CreditCalculator.creditsPerSource(List.of()));
        assertEquals(36, CreditCalculator.creditsFor(List.of(resize(3), COMPRESS, CONVERT2), 3));
    }

    @Test
    void hintForTwoOperations() {
        CreditEstimate e = CreditCalculator.estimate(List.of(resize(20), COMPRESS));
        assertEquals(40, e.creditsPerSource());
        assertEquals(21, e.cheapestCreditsPerSource());
        assertEquals(Optional.of("put compress before resize: 21 instead of 40 credits per source"), e.hint());
        assertEquals(Optional.of("put convert before resize: 8 instead of 9 credits per source"),
                CreditCalculator.estimate(List.of(resize(3), CONVERT2)).hint());
    }

    @Test
    void hintForLongerConfigurations() {
        CreditEstimate e = CreditCalculator.estimate(List.of(resize(3), COMPRESS, CONVERT2));
        assertEquals(Optional.of("order as compress, convert, resize: 9 instead of 12 credits per source"), e.hint());
    }

    @Test
    void noHintWhenAlreadyCheapest() {
        List<OperationSpec> ops = List.of(COMPRESS, new RotateSpec(90), resize(20));
        CreditEstimate e = CreditCalculator.estimate(ops);
        assertEquals(22, e.creditsPerSource());
        assertEquals(Optional.empty(), e.hint());
        assertEquals(Optional.empty(), CreditCalculator.estimate(List.of(resize(1), COMPRESS)).hint());
    }

    @Test
    void outputsAreCappedBeforeAnyCountCanOverflow() {
        // 20 x 20 = 400 images is the default cap: allowed, 20 + 400 credits
        assertEquals(420, CreditCalculator.creditsPerSource(List.of(resize(20), resize(20))));
        assertEquals(400, CreditCalculator.outputsPerSource(List.of(resize(20), resize(20)), 400));
        // 8 x 20 sizes = 2.56e10 images overflowed toIntExact (a 500); now it is the cap's refusal
        List<OperationSpec> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(resize(20));
        }
        TooManyOutputsException e = assertThrows(TooManyOutputsException.class, () -> CreditCalculator.estimate(eight));
        assertEquals(400, e.maxOutputs());
        assertEquals("too_many_outputs", e.reason().code());
        // 43 operations of resize and compress whose product (~4e38) wrapped to a reported 984 credits
        List<OperationSpec> wrapped = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            wrapped.add(resize(20));
        }
        for (int i = 0; i < 13; i++) {
            wrapped.add(COMPRESS);
        }
        assertThrows(TooManyOutputsException.class, () -> CreditCalculator.creditsPerSource(wrapped));
        assertThrows(TooManyOutputsException.class, () -> CreditCalculator.outputsPerSource(List.of(resize(3), CONVERT2), 5));
    }
}
