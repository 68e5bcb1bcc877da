package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.NativeCallRecorder;
import com.imagecogni.pipeline.PipelineException;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target: the GIF header parser and both GIF decoders, the property of {@link DecoderFuzzing} for each. A GIF
 * decodes two ways: every frame on the canvas (Scrimage's reader, for outputs that keep an animation: here no
 * convert, so a GIF output) and the first frame at its own size (ImageIO, for a PNG output). Each either refuses with
 * a {@link PipelineException} or agrees with the header: the frame count, the canvas, the first frame's size. An
 * {@code out_of_memory} refusal is a finding too: the decoders may only allocate what the header promised.
 */
class GifDecoderFuzzTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    /** As in DecoderFuzzing: small, while the fuzz runs get a 512 MB heap. */
    private static final DecodeLimits LIMITS = new DecodeLimits(4_000_000, 50, 20);
    private static final SourceDecoder DECODER = new SourceDecoder(LIMITS, RUNTIME.parallel());
    private static final List<OperationSpec> EVERY_FRAME = List.of();
    private static final List<OperationSpec> FIRST_FRAME = List.of(ConvertSpec.of(ImageFormat.PNG));

    @FuzzTest
    void decode(byte[] data) {
        if (!FormatSniffer.detect(data).equals(Optional.of(ImageFormat.GIF))) {
            return;
        }
        ImageHeader header = null;
        try {
            header = HeaderReader.read(ImageFormat.GIF, data, LIMITS);
            assertTrue(header.totalPixels() <= LIMITS.maxPixels(), "a header over the limit was accepted");
        } catch (PipelineException refused) {
            // a typed refusal is a fine answer for any bytes; the decoders must then refuse them too
        }
        DecodedImage all = decode(data, EVERY_FRAME);
        if (all != null) {
            assertNotNull(header, "the frame decoder accepted a file the header parse refused");
            if (header.frames() > 1) {
                assertNotNull(all.animation(), "an animated GIF for a GIF output keeps its frames");
                assertEquals(header.frames(), all.animation().frames().size(), "frames");
                for (BufferedImage frame : all.animation().frames()) {
                    assertEquals(header.width(), frame.getWidth(), "canvas width");
                    assertEquals(header.height(), frame.getHeight(), "canvas height");
                }
            } else {
                assertFirstFrame(header, all);
            }
        }
        DecodedImage first = decode(data, FIRST_FRAME);
        if (first != null) {
            assertNotNull(header, "the first-frame decoder accepted a file the header parse refused");
            assertFirstFrame(header, first);
        }
    }

    private static DecodedImage decode(byte[] data, List<OperationSpec> operations) {
        try {
            return DECODER.decode(data, operations, NativeCallRecorder.NONE);
        } catch (PipelineException refused) {
            assertNotEquals(FailureReason.OUT_OF_MEMORY, refused.reason(), refused.getMessage());
            return null;
        }
    }

    private static void assertFirstFrame(ImageHeader header, DecodedImage decoded) {
        assertEquals(ImageFormat.GIF, decoded.sourceFormat());
        assertEquals(null, decoded.animation());
        assertEquals(header.frameWidth(), decoded.width(), "decoded width");
        assertEquals(header.frameHeight(), decoded.height(), "decoded height");
    }
}
