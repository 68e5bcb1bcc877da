package com.imagecogni.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.imagecogni.pipeline.GifFiles;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodeMemory;
import com.imagecogni.support.Images;

/** A replica holds heap for the jobs it claimed, by what their sources' headers said at intake. */
class ProcessingMemoryTest {

    @Test
    void aJobNeedsItsSourceBytesPlusItsLargestSourceDecoded() {
        byte[] photo = Images.gradient(1000, 800, "jpg");
        byte[] icon = Images.gradient(40, 30, "png");
        DecodeLimits limits = DecodeLimits.defaults();
        long need = ProcessingMemory.need(List.of(
                new ProcessingMemory.SourceNeed(photo.length, DecodeMemory.pixelsOfHead(photo, true, limits)),
                new ProcessingMemory.SourceNeed(icon.length, DecodeMemory.pixelsOfHead(icon, true, limits))));
        assertEquals(photo.length + icon.length + 1000L * 800 * ProcessingMemory.BYTES_PER_PIXEL, need);
        // what the decoder refuses (not an image, over the pixel limit) costs only its bytes
        assertEquals(0, DecodeMemory.pixelsOfHead(new byte[3], true, limits));
        assertEquals(0, DecodeMemory.pixelsOfHead(photo, true, DecodeLimits.of(1000L * 800 - 1)));
        assertThrows(ArithmeticException.class, () -> ProcessingMemory.need(List.of(
                new ProcessingMemory.SourceNeed(1, Long.MAX_VALUE / 2))), "exact arithmetic, no overflow to a small need");
    }

    @Test
    void aLargeUploadIsWeighedByItsHeadAndByThePixelLimitWhenTheHeadCannotTell() {
        DecodeLimits limits = DecodeLimits.defaults();
        byte[] photo = Images.gradient(1000, 800, "jpg");
        assertEquals(1000L * 800, DecodeMemory.pixelsOfHead(Arrays.copyOf(photo, 1024), false, limits),
                "a JPEG's size is in its first segments");
        GifFiles.Builder gif = GifFiles.screen(100, 80);
        for (int i = 0; i < 3; i++) {
            gif.frame(GifFiles.Frame.solid(0, 0, 100, 80, 0x102030 * (i + 1), 10, GifFiles.KEEP));
        }
        byte[] animation = gif.build();
        assertEquals(3L * 100 * 80, DecodeMemory.pixelsOfHead(animation, true, limits));
        assertEquals(limits.maxPixels(), DecodeMemory.pixelsOfHead(Arrays.copyOf(animation, 40), false, limits),
                "the frames of a GIF are counted only from the whole file: a part of one is planned at the limit");
    }

    @Test
    void claimedJobsHoldHeapUntilTheyEndAndALargeOneIsCappedAtTheBudget() {
        ProcessingMemory memory = ProcessingMemory.withCapacity(100);
        assertTrue(memory.idle());
        ProcessingMemory.Lease first = memory.hold(70);
        assertEquals(30, memory.free());
        assertFalse(memory.idle());
        ProcessingMemory.Lease second = memory.hold(20);
        assertEquals(10, memory.free());
        first.close();
        first.close();
        assertEquals(80, memory.free(), "a lease gives its heap back once, however often it is closed");
        second.close();
        assertTrue(memory.idle());
        try (ProcessingMemory.Lease huge = memory.hold(1_000)) {
            assertEquals(100, memory.inUse(), "capped at the budget: nothing else is claimed beside it");
            assertEquals(0, memory.free());
        }
        assertEquals(0, memory.inUse());
    }

    @Test
    void aTryHoldsOnlyWhatFitsBesideTheOthersOrAnythingWhenNothingIsHeld() {
        ProcessingMemory memory = ProcessingMemory.withCapacity(100);
        ProcessingMemory.Lease first = memory.tryHold(60).orElseThrow();
        assertTrue(memory.tryHold(50).isEmpty(), "60 + 50 is over 100");
        ProcessingMemory.Lease second = memory.tryHold(40).orElseThrow();
        assertEquals(100, memory.inUse());
        first.close();
        second.close();
        second.close();
        assertEquals(0, memory.inUse(), "each lease gives back once");
        ProcessingMemory.Lease large = memory.tryHold(500).orElseThrow(); // alone: it runs, capped at the budget
        assertEquals(100, memory.inUse());
        large.close();
    }
}
