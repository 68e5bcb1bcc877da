package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.TestImages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JPEG scan limit: a progressive "scan bomb" is refused from its markers, ordinary progressive JPEGs still decode. */
class JpegScanLimitTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final SourceDecoder DECODER = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel());
    private static final byte[] PROGRESSIVE = TestImages.progressiveJpeg(TestImages.gradient(48, 32));

    @Test
    void ordinaryProgressiveJpegDecodes() {
        int scans = scanSegments(PROGRESSIVE).size();
        assertTrue(scans >= 5 && scans <= 20, "the JDK writer's progressive script has about ten scans, got " + scans);
        assertEquals(scans, JpegScanCounter.count(PROGRESSIVE, 2, Integer.MAX_VALUE - 1, new JpegIccChunks()));
        DecodedImage d = DECODER.decode(PROGRESSIVE);
        assertEquals(48, d.width());
        assertEquals(32, d.height());
    }

    @Test
    void theLimitIsExact() {
        int scans = scanSegments(PROGRESSIVE).size();
        assertEquals(48, new SourceDecoder(new DecodeLimits(1_000_000, 1, scans), RUNTIME.parallel())
                .decode(PROGRESSIVE).width());
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> new SourceDecoder(new DecodeLimits(1_000_000, 1, scans - 1), RUNTIME.parallel())
                        .probe(PROGRESSIVE));
        assertEquals(FailureReason.TOO_MANY_SCANS, e.reason());
        assertEquals("too_many_scans", e.code());
    }

    @Test
    void scanBombIsRefusedQuickly() {
        byte[] bomb = withScansRepeated(PROGRESSIVE, 2000);
        assertEquals(2000, JpegScanCounter.count(bomb, 2, Integer.MAX_VALUE - 1, new JpegIccChunks()));
        DECODER.probe(PROGRESSIVE); // warm up so the timing below measures the walk, not class loading
        long start = System.nanoTime();
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> DECODER.decode(bomb));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(FailureReason.TOO_MANY_SCANS, e.reason());
        assertTrue(e.getMessage().contains("more than the limit of 100 scans"), e.getMessage());
        assertTrue(millis < 250, "the guard took " + millis + " ms");
    }

    /** Stuffed 0xFF00 bytes, restart markers, fill bytes and garbage between segments must not confuse the count. */
    @Test
    void entropyDataAndRestartMarkersAreSkipped() {
        byte[] sos = {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 63, 0};
        byte[] entropy = {0x12, (byte) 0xFF, 0x00, (byte) 0xDA, (byte) 0xFF, (byte) 0xD3, 0x34, (byte) 0xFF, 0x00};
        byte[] fillThenMarker = {(byte) 0xFF, (byte) 0xFF};
        byte[] garbage = {0x55, 0x66};
        byte[] eoi = {(byte) 0xFF, (byte) 0xD9};
        byte[] data = TestImages.concat(sos, entropy, fillThenMarker, sos, entropy, garbage, sos, entropy, eoi, sos);
        assertEquals(3, JpegScanCounter.count(data, 0, 100, new JpegIccChunks()), "the SOS after EOI is not part of the image");
        assertEquals(2, JpegScanCounter.count(data, 0, 1, new JpegIccChunks()), "counting stops once the limit is exceeded");
        byte[] cut = Arrays.copyOf(data, sos.length + entropy.length + 3);
        assertEquals(1, JpegScanCounter.count(cut, 0, 100, new JpegIccChunks()), "a truncated scan header is left to the decoder");
    }

    /** Each SOS segment with its entropy-coded data, up to the next marker that is not RSTn (the decoder's view of a scan). */
    static List<byte[]> scanSegments(byte[] jpeg) {
        List<byte[]> scans = new ArrayList<>();
        int i = 2;
        while (i + 1 < jpeg.length) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xD9) {
                break;
            }
            int end = i + 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
            if (marker == 0xDA) {
                while (!((jpeg[end] & 0xFF) == 0xFF && isSegmentMarker(jpeg[end + 1] & 0xFF))) {
                    end++;
                }
                scans.add(Arrays.copyOfRange(jpeg, i, end));
            }
            i = end;
        }
        return scans;
    }

    private static boolean isSegmentMarker(int b) {
        return b != 0x00 && (b < 0xD0 || b > 0xD7);
    }

    /** The file with its scans appended over and over before EOI until it has {@code total} scans. */
    static byte[] withScansRepeated(byte[] jpeg, int total) {
        List<byte[]> scans = scanSegments(jpeg);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, jpeg.length - 2); // everything but EOI
        for (int n = scans.size(); n < total; n++) {
            out.writeBytes(scans.get(n % scans.size()));
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }
}
