package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.CropSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShrinkOnLoadTest {

    private static ResizeSpec widths(int... widths) {
        return new ResizeSpec(java.util.Arrays.stream(widths).mapToObj(w -> SizeSpec.width(w)).toList(), Fit.CONTAIN,
                false, null);
    }

    @Test
    void theLargestSizeOfTheFirstResizeIsTheMinimum() {
        List<OperationSpec> ops = List.of(ConvertSpec.of(ImageFormat.JPEG), widths(1920, 800, 400), CompressSpec.quality(80));
        assertThat(ShrinkOnLoad.minimumSize(ops, 4000, 3000)).contains(new ShrinkOnLoad.Size(1920, 1440));
    }

    @Test
    void aStepInSourcePixelsBeforeTheResizeNeedsTheWholeImage() {
        var crop = new CropSpec(10, 10, 2000, 1500, null, null);
        assertThat(ShrinkOnLoad.minimumSize(List.of(crop, widths(800)), 4000, 3000)).isEmpty();
        assertThat(ShrinkOnLoad.minimumSize(List.of(ConvertSpec.of(ImageFormat.PNG)), 4000, 3000)).isEmpty();
    }

    @Test
    void anUpscaleOrFullSizeOutputNeedsTheWholeImage() {
        assertThat(ShrinkOnLoad.minimumSize(List.of(widths(800, 4000)), 4000, 3000)).isEmpty();
    }

    @Test
    void transposingOrientationsSwapTheAxes() {
        assertThat(new ShrinkOnLoad.Size(1920, 1440).stored(6)).isEqualTo(new ShrinkOnLoad.Size(1440, 1920));
        assertThat(new ShrinkOnLoad.Size(1920, 1440).stored(3)).isEqualTo(new ShrinkOnLoad.Size(1920, 1440));
    }
}
