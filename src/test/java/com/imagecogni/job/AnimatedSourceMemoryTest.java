package com.imagecogni.job;

import com.imagecogni.pipeline.GifFiles;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodeMemory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An animated GIF is admitted by the heap of all its frames, which its decode holds when an output can animate. */
class AnimatedSourceMemoryTest {

    @Test
    void everyFrameOfAnAnimatedGifCounts() {
        GifFiles.Builder gif = GifFiles.screen(100, 80);
        for (int i = 0; i < 5; i++) {
            gif.frame(GifFiles.Frame.solid(0, 0, 100, 80, 0x102030 * (i + 1), 10, GifFiles.KEEP));
        }
        byte[] bytes = gif.build();
        assertEquals(bytes.length + 5L * 100 * 80 * ProcessingMemory.BYTES_PER_PIXEL,
                ProcessingMemory.need(List.of(new ProcessingMemory.SourceNeed(bytes.length,
                        DecodeMemory.pixelsOfHead(bytes, true, DecodeLimits.defaults())))));
    }
}
