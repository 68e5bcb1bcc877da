package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.support.NativeMemory;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1 000 decode + encode cycles of a 1 MP image leave native memory where it was: every native buffer, TurboJPEG
 * instance and turbojpeg-allocated output is freed. A leaked 4 MB pixel buffer or 100 KB JPEG per cycle would show as
 * hundreds of MB. Measured as glibc's malloc in-use bytes (mallinfo2: Arena and libturbojpeg both allocate with
 * malloc), which the Java heap does not blur as it does VmRSS; VmRSS is printed beside it.
 */
class TurboJpegNativeMemoryTest {

    private static final long TOLERANCE_BYTES = 16L << 20;

    @Test
    void cyclesDoNotGrowResidentMemory() throws IOException {
        JpegTestSupport.requireTurboJpeg();
        BufferedImage photo = JpegTestSupport.readRegion(com.imagecogni.pipeline.TestImages.photo(),
                new java.awt.Rectangle(1000, 500, 576, 432)); // 0.25 MP: a leaked image (750 kB) is far above the tolerance per cycle
        TurboJpegEncoder encoder = new TurboJpegEncoder();
        EncodeOptions options = new EncodeOptions(85, false, false);
        SourceMetadata metadata = new SourceMetadata(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0}, null, null);
        byte[] jpeg = encoder.encode(photo, options, metadata);
        for (int i = 0; i < 50; i++) {
            cycle(jpeg, encoder, options, metadata);
        }
        long mallocBefore = NativeMemory.settledMallocInUse();
        long rssBefore = NativeMemory.residentBytes();
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            cycle(jpeg, encoder, options, metadata);
        }
        long grown = NativeMemory.settledMallocInUse() - mallocBefore;
        System.out.printf("1000 decode+encode cycles of %dx%d: %d ms, malloc in use %+d KB, VmRSS %+d KB%n",
                photo.getWidth(), photo.getHeight(), (System.nanoTime() - start) / 1_000_000, grown >> 10,
                (NativeMemory.residentBytes() - rssBefore) >> 10);
        assertTrue(grown < TOLERANCE_BYTES, "native memory grew by " + (grown >> 20) + " MB");
    }

    private static void cycle(byte[] jpeg, TurboJpegEncoder encoder, EncodeOptions options, SourceMetadata metadata) {
        BufferedImage image = TurboJpegDecoder.decode(jpeg, Integer.MAX_VALUE, Integer.MAX_VALUE,
                DecodeLimits.defaults()).orElseThrow().image();
        encoder.encode(image, options, metadata);
    }
}
