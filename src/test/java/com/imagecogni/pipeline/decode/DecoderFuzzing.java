package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.PipelineException;
import com.imagecogni.pipeline.model.ImageFormat;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The property every decoder fuzz target checks (Jazzer, one target class per format: {@code *DecoderFuzzTest}): for
 * any bytes, the header parse and the decoder either agree on the image or refuse it with a {@link PipelineException};
 * any other exception, an OutOfMemoryError or a hang is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} a target runs once on every file under {@code <TargetClass>Inputs/decode/}: small
 * valid seeds of the format plus every crash the fuzzer found, kept as regression inputs. With {@code JAZZER_FUZZ=1}
 * it is fuzzed with coverage feedback; Jazzer fuzzes one target per JVM, so {@code ./mvnw verify} forks one JVM per
 * target class for a bounded time (pom.xml, execution {@code decoder-fuzz}).
 */
final class DecoderFuzzing {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    /**
     * Small, so a decode that stays within the header's promise costs at most ~64 MB, while the fuzz runs get a
     * 512 MB heap: an OutOfMemoryError then means the decoder allocated from something the parse did not bound.
     */
    private static final DecodeLimits LIMITS = new DecodeLimits(4_000_000, 50, 20);
    private static final SourceDecoder DECODER = new SourceDecoder(LIMITS, RUNTIME.parallel());

    private DecoderFuzzing() {
    }

    /**
     * Parses the header, then decodes: both may refuse, nothing else may escape, and a decoded image has exactly the
     * size the header promised. Bytes of another format are skipped: each target keeps to its own parser and decoder.
     */
    static void check(ImageFormat format, byte[] data) {
        if (!FormatSniffer.detect(data).equals(Optional.of(format))) {
            return;
        }
        ImageHeader header = null;
        try {
            header = HeaderReader.read(format, data, LIMITS);
            assertTrue(header.totalPixels() <= LIMITS.maxPixels(), "a header over the limit was accepted");
        } catch (PipelineException refused) {
            // a typed refusal is a fine answer for any bytes; the decoder must then refuse them too
        }
        DecodedImage decoded;
        try {
            decoded = DECODER.decode(data);
        } catch (PipelineException refused) {
            return;
        }
        assertTrue(header != null, "the decoder accepted a file the header parse refused");
        assertEquals(format, decoded.sourceFormat());
        boolean turned = header.orientation() >= 5; // orientations 5..8 swap width and height
        assertEquals(turned ? header.frameHeight() : header.frameWidth(), decoded.width(), "decoded width");
        assertEquals(turned ? header.frameWidth() : header.frameHeight(), decoded.height(), "decoded height");
    }
}
