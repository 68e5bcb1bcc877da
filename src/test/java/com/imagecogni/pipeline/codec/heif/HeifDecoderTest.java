package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.imagecogni.pipeline.codec.heif.HeifTestImages.BOTTOM_LEFT;
import static com.imagecogni.pipeline.codec.heif.HeifTestImages.BOTTOM_RIGHT;
import static com.imagecogni.pipeline.codec.heif.HeifTestImages.TOP_LEFT;
import static com.imagecogni.pipeline.codec.heif.HeifTestImages.TOP_RIGHT;
import static com.imagecogni.pipeline.codec.heif.HeifTestImages.assertColour;
import static com.imagecogni.pipeline.codec.heif.HeifTestImages.quadrants;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** HEIC and AVIF decoding through libheif: pixels, orientation, grids, bit depth, metadata, limits and corruption. */
class HeifDecoderTest {

    private static final HeifDecoder DECODER = new HeifDecoder(DecodeLimits.defaults());

    @BeforeAll
    static void libheifInstalled() {
        assumeTrue(Heif.available(), HeifBinding.unavailableReason());
        assumeTrue(Heif.decodesHevc() && HeifBinding.haveEncoderFor(HeifBinding.COMPRESSION_HEVC),
                "libheif without libde265/x265");
    }

    @Test
    void decodesAnOpaqueHeicToIntRgbWithTheRightCorners() {
        byte[] heic = HeifTestImages.heic(quadrants(64, 48, BufferedImage.TYPE_INT_RGB), 90);

        DecodedHeif decoded = DECODER.decode(heic);

        BufferedImage image = decoded.image();
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(64, image.getWidth());
        assertEquals(48, image.getHeight());
        assertCorners(image, TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT);
        assertEquals(new HeifProbe(64, 48, false, 8, HeifCompression.HEVC), decoded.probe());
        assertTrue(decoded.metadata().isEmpty());
    }

    @Test
    void probeReadsTheHeaderOfHeicAndAvifWithoutDecoding() {
        BufferedImage argb = quadrants(40, 30, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x10FFFFFF);
        byte[] avif = HeifTestImages.encode(argb, HeifBinding.COMPRESSION_AV1, 80, 8, 1, SourceMetadata.NONE);

        assertEquals(new HeifProbe(40, 30, true, 8, HeifCompression.AV1), DECODER.probe(avif));
        assertEquals(HeifCompression.HEVC,
                DECODER.probe(HeifTestImages.heic(quadrants(16, 16, BufferedImage.TYPE_INT_RGB), 50)).compression());
    }

    @Test
    void alphaDecodesToNonPremultipliedIntArgb() {
        BufferedImage source = quadrants(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                source.setRGB(x, y, 0x00000000); // fully transparent top-left quadrant
            }
            for (int x = 32; x < 64; x++) {
                source.setRGB(x, y, 0x80 << 24 | (TOP_RIGHT.getRGB() & 0xFFFFFF)); // half transparent
            }
        }
        byte[] heic = HeifTestImages.encode(source, HeifBinding.COMPRESSION_HEVC, 95, 8, 1, SourceMetadata.NONE);

        BufferedImage image = DECODER.decode(heic).image();

        assertEquals(BufferedImage.TYPE_INT_ARGB, image.getType());
        assertTrue(DECODER.probe(heic).hasAlpha());
        assertTrue(Math.abs((image.getRGB(8, 8) >>> 24)) <= 3, "transparent stays transparent");
        assertTrue(Math.abs((image.getRGB(56, 8) >>> 24) - 0x80) <= 4, "half transparent: " + (image.getRGB(56, 8) >>> 24));
        assertColour(TOP_RIGHT, image.getRGB(56, 8), 12, "colour under half alpha is not premultiplied");
        assertEquals(0xFF, image.getRGB(56, 56) >>> 24);
    }

    @Test
    void irotIsAppliedSoARotatedHeicDecodesToSwappedSidesAndTurnedCorners() {
        // EXIF orientation 6 = rotate 90° clockwise for display; libheif writes it as an irot box
        byte[] heic = HeifTestImages.encode(quadrants(64, 48, BufferedImage.TYPE_INT_RGB),
                HeifBinding.COMPRESSION_HEVC, 90, 8, 6, SourceMetadata.NONE);
        assertTrue(new String(heic, java.nio.charset.StandardCharsets.ISO_8859_1).contains("irot"), "no irot box");

        DecodedHeif decoded = DECODER.decode(heic);

        assertEquals(48, decoded.image().getWidth());
        assertEquals(64, decoded.image().getHeight());
        assertEquals(48, decoded.probe().width());
        // turned clockwise: the left column becomes the top row
        assertCorners(decoded.image(), BOTTOM_LEFT, TOP_LEFT, BOTTOM_RIGHT, TOP_RIGHT);
    }

    @Test
    void aGridOfHevcTilesIsAssembledAndCroppedToTheGridSize() {
        List<byte[]> tiles = new ArrayList<>();
        for (java.awt.Color colour : List.of(TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT)) {
            BufferedImage tile = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    tile.setRGB(x, y, colour.getRGB());
                }
            }
            tiles.add(HeifTestImages.heic(tile, 90));
        }
        byte[] grid = HeifGridFile.build(tiles, 2, 2, 64, 64, 120, 100);

        DecodedHeif decoded = DECODER.decode(grid);

        assertEquals(new HeifProbe(120, 100, false, 8, HeifCompression.HEVC), decoded.probe());
        assertEquals(120, decoded.image().getWidth());
        assertEquals(100, decoded.image().getHeight());
        assertCorners(decoded.image(), TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT);
        assertColour(TOP_RIGHT, decoded.image().getRGB(65, 10), 10, "second tile starts at x=64");
    }

    @Test
    void tenBitHeicDecodesToSensibleEightBitValues() {
        BufferedImage source = quadrants(64, 64, BufferedImage.TYPE_INT_RGB);
        byte[] heic = HeifTestImages.encode(source, HeifBinding.COMPRESSION_HEVC, 95, 10, 1, SourceMetadata.NONE);
        assertEquals(10, DECODER.probe(heic).bitDepth());

        BufferedImage image = DECODER.decode(heic).image();

        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertCorners(image, TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT);
    }

    @Test
    void exifXmpAndIccAreReadBackByteEqual() {
        SourceMetadata written = HeifTestMetadata.sample();
        byte[] heic = HeifTestImages.encode(quadrants(32, 32, BufferedImage.TYPE_INT_RGB), HeifBinding.COMPRESSION_HEVC,
                80, 8, 1, written);

        SourceMetadata read = DECODER.decode(heic).metadata();

        assertArrayEquals(written.exif(), read.exif(), "EXIF without the 4-byte offset prefix");
        assertArrayEquals(written.xmp(), read.xmp());
        assertArrayEquals(written.icc(), read.icc());
    }

    @Test
    void anExifBlockWhoseOffsetMissesTheTiffHeaderIsDropped() {
        assertNull(HeifMetadataReader.tiffPayload(new byte[] {0, 0, 0, 9, 'I', 'I', '*', 0, 1, 2}));
        assertArrayEquals(new byte[] {'M', 'M', 0, '*', 7},
                HeifMetadataReader.tiffPayload(new byte[] {0, 0, 0, 2, 'x', 'x', 'M', 'M', 0, '*', 7}));
    }

    @Test
    void overThePixelLimitIsRefusedBeforeDecoding() {
        byte[] heic = HeifTestImages.heic(quadrants(64, 48, BufferedImage.TYPE_INT_RGB), 50);
        HeifDecoder strict = new HeifDecoder(DecodeLimits.of(64 * 48 - 1));

        InputRejectedException refused = assertThrows(InputRejectedException.class, () -> strict.decode(heic));

        assertEquals(FailureReason.TOO_MANY_PIXELS, refused.reason());
        assertEquals(FailureReason.TOO_MANY_PIXELS,
                assertThrows(InputRejectedException.class, () -> strict.probe(heic)).reason());
        assertEquals(64, new HeifDecoder(DecodeLimits.of(64 * 48)).decode(heic).image().getWidth());
    }

    @Test
    void aGridClaimingHugeSidesIsRefusedWithoutAllocatingThem() {
        List<byte[]> tiles = List.of(HeifTestImages.heic(quadrants(64, 64, BufferedImage.TYPE_INT_RGB), 50));
        byte[] overLimit = HeifGridFile.build(tiles, 1, 1, 64, 64, 30_000, 30_000);
        byte[] overLibheifLimit = HeifGridFile.build(tiles, 1, 1, 64, 64, 65_000, 65_000);

        InputRejectedException tooMany = assertThrows(InputRejectedException.class, () -> DECODER.decode(overLimit));
        // libheif refuses a side over 32768 itself while reading the file (a security limit: reported as corrupt)
        InputRejectedException absurd = assertThrows(InputRejectedException.class,
                () -> DECODER.decode(overLibheifLimit));

        assertEquals(FailureReason.TOO_MANY_PIXELS, tooMany.reason(), tooMany.getMessage());
        assertEquals(FailureReason.CORRUPT_IMAGE, absurd.reason(), absurd.getMessage());
        assertTrue(absurd.getMessage().contains("exceeds the maximum image size"), absurd.getMessage());
    }

    @Test
    void truncatedAndGarbageInputIsCorrupt() {
        byte[] heic = HeifTestImages.heic(quadrants(64, 48, BufferedImage.TYPE_INT_RGB), 50);
        for (byte[] bad : List.of(Arrays.copyOf(heic, heic.length / 2), Arrays.copyOf(heic, 40),
                "not a heif file at all".getBytes(), corruptBitstream(heic))) {
            InputRejectedException refused = assertThrows(InputRejectedException.class, () -> DECODER.decode(bad));
            assertEquals(FailureReason.CORRUPT_IMAGE, refused.reason(), refused.getMessage());
            assertTrue(refused.getMessage().startsWith("the HEIF data cannot be decoded: "), refused.getMessage());
        }
        assertEquals(FailureReason.EMPTY_INPUT,
                assertThrows(InputRejectedException.class, () -> DECODER.decode(new byte[0])).reason());
    }

    @Test
    void availabilityIsReported() {
        assertFalse(Heif.version().isEmpty());
        assertTrue(Heif.decodesAv1());
        assertFalse(HeifBinding.DOWNCALLS.isEmpty());
        assertEquals(List.of(HeifBinding.WRITER_WRITE), HeifBinding.UPCALLS);
    }

    /** The coded data is the tail of the file: zeroing it keeps the container valid but breaks the HEVC stream. */
    private static byte[] corruptBitstream(byte[] heic) {
        byte[] copy = heic.clone();
        byte[] mdat = HeifGridFile.box(heic, "mdat");
        Arrays.fill(copy, copy.length - mdat.length + 8, copy.length, (byte) 0xFF);
        return copy;
    }

    static void assertCorners(BufferedImage image, java.awt.Color topLeft, java.awt.Color topRight,
            java.awt.Color bottomLeft, java.awt.Color bottomRight) {
        int w = image.getWidth();
        int h = image.getHeight();
        assertColour(topLeft, image.getRGB(2, 2), 12, "top left");
        assertColour(topRight, image.getRGB(w - 3, 2), 12, "top right");
        assertColour(bottomLeft, image.getRGB(2, h - 3), 12, "bottom left");
        assertColour(bottomRight, image.getRGB(w - 3, h - 3), 12, "bottom right");
    }
}
