package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.TestImages;
import org.junit.jupiter.api.Test;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ICC profile chunks in JPEG APP2: a lying profile size (found by the fuzzer as an OutOfMemoryError) is refused. */
class JpegIccProfileTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final SourceDecoder DECODER = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel());
    private static final byte[] PROFILE = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    private static final byte[] PLAIN = TestImages.encode(TestImages.filled(16, 16, java.awt.Color.GRAY), "jpeg");

    @Test
    void profilesInOneOrTwoChunksAreApplied() {
        int plainRed = TestImages.red(DECODER.decode(PLAIN).image().getRGB(8, 8));
        int half = PROFILE.length / 2;
        for (byte[] jpeg : new byte[][] {withChunks(chunk(1, 1, PROFILE)),
                withChunks(chunk(1, 2, Arrays.copyOf(PROFILE, half)), chunk(2, 2, Arrays.copyOfRange(PROFILE, half, PROFILE.length)))}) {
            int red = TestImages.red(DECODER.decode(jpeg).image().getRGB(8, 8));
            assertTrue(red > plainRed + 30, "linear-light grey must be brightened: " + plainRed + " -> " + red);
        }
    }

    @Test
    void aProfileSizeBeyondTheChunksIsRefusedBeforeTheReaderAllocatesIt() {
        byte[] lying = PROFILE.clone();
        ByteBuffer.wrap(lying).putInt(0x7100_01E8); // 1.9 GB, as the fuzzer found it
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> DECODER.decode(withChunks(chunk(1, 1, lying))));
        assertEquals(FailureReason.CORRUPT_IMAGE, e.reason());
        assertTrue(e.getMessage().contains("declares 1895825896 bytes"), e.getMessage());
    }

    private static byte[] chunk(int number, int count, byte[] data) {
        byte[] head = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + head.length + 2 + data.length;
        return TestImages.concat(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length}, head,
                new byte[] {(byte) number, (byte) count}, data);
    }

    private static byte[] withChunks(byte[]... chunks) {
        return TestImages.concat(Arrays.copyOf(PLAIN, 2), TestImages.concat(chunks), Arrays.copyOfRange(PLAIN, 2, PLAIN.length));
    }
}
