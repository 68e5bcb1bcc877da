package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static com.imagecogni.pipeline.codec.heif.HeifTestImages.psnr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** AVIF encoding through libheif/aom, checked with an independent decoder (libavif's avifdec, dav1d) and our own. */
class AvifEncoderTest {

    private static final AvifEncoder ENCODER = new AvifEncoder();
    private static final HeifDecoder DECODER = new HeifDecoder(DecodeLimits.defaults());

    @TempDir
    Path dir;

    @BeforeAll
    static void aomInstalled() {
        assumeTrue(AvifEncoder.availableForEncode(), "libheif with an AV1 encoder is not installed");
    }

    @Test
    void avifdecReadsOurAvifWithTheSameSizeAndCloseToTheInput() throws Exception {
        BufferedImage source = HeifTestImages.gradient(200, 120);

        byte[] avif = ENCODER.encode(source, new EncodeOptions(80, false, true), SourceMetadata.NONE);

        BufferedImage independent = avifdec(avif);
        assertEquals(200, independent.getWidth());
        assertEquals(120, independent.getHeight());
        double psnr = psnr(source, independent);
        assertTrue(psnr > 30, "PSNR at Q80 is only " + psnr + " dB");
        assertTrue(psnr(source, DECODER.decode(avif).image()) > 30, "our decoder disagrees");
        assertEquals(HeifCompression.AV1, DECODER.probe(avif).compression());
    }

    @Test
    void qualityAndEffortChangeTheOutput() {
        BufferedImage source = HeifTestImages.gradient(160, 160);

        int low = ENCODER.encode(source, new EncodeOptions(30, false, true), SourceMetadata.NONE).length;
        int high = ENCODER.encode(source, new EncodeOptions(90, false, true), SourceMetadata.NONE).length;

        assertTrue(low < high, "Q30 " + low + " bytes vs Q90 " + high);
    }

    @Test
    void losslessKeepsEveryRgbSample() throws Exception {
        BufferedImage source = HeifTestImages.gradient(64, 48);
        EncodeOptions lossless = new EncodeOptions(100, false, false, true, 9, false);

        byte[] avif = ENCODER.encode(source, lossless, SourceMetadata.NONE);

        assertEquals(Double.POSITIVE_INFINITY, psnr(source, DECODER.decode(avif).image()));
        assertEquals(Double.POSITIVE_INFINITY, psnr(source, avifdec(avif)));
    }

    @Test
    void alphaIsWrittenAndReadBack() throws Exception {
        BufferedImage source = HeifTestImages.quadrants(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 32; x++) {
                source.setRGB(x, y, (x * 8) << 24 | (source.getRGB(x, y) & 0xFFFFFF));
            }
        }

        byte[] avif = ENCODER.encode(source, new EncodeOptions(90, false, true), SourceMetadata.NONE);

        BufferedImage ours = DECODER.decode(avif).image();
        BufferedImage theirs = avifdec(avif);
        assertEquals(BufferedImage.TYPE_INT_ARGB, ours.getType());
        assertTrue(theirs.getColorModel().hasAlpha());
        for (int x : new int[] {0, 8, 16, 31, 40, 63}) {
            int expected = source.getRGB(x, 10) >>> 24;
            assertTrue(Math.abs((ours.getRGB(x, 10) >>> 24) - expected) <= 6, "alpha at x=" + x);
            assertTrue(Math.abs((theirs.getRGB(x, 10) >>> 24) - expected) <= 6, "avifdec alpha at x=" + x);
        }
    }

    @Test
    void anOpaqueArgbImageIsWrittenWithoutAnAlphaPlane() {
        BufferedImage source = HeifTestImages.quadrants(32, 32, BufferedImage.TYPE_INT_ARGB);

        byte[] avif = ENCODER.encode(source, new EncodeOptions(60, false, true), SourceMetadata.NONE);

        assertTrue(!DECODER.probe(avif).hasAlpha());
    }

    @Test
    void metadataRoundTripsByteEqual() {
        SourceMetadata written = HeifTestMetadata.sample();
        BufferedImage source = HeifTestImages.gradient(48, 32);

        byte[] avif = ENCODER.encode(source, new EncodeOptions(70, false, false), written);

        SourceMetadata read = DECODER.decode(avif).metadata();
        assertArrayEquals(written.exif(), read.exif());
        assertArrayEquals(written.xmp(), read.xmp());
        assertArrayEquals(written.icc(), read.icc());
    }

    @Test
    void anyBufferedImageTypeIsAccepted() {
        BufferedImage gray = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().fillRect(0, 0, 20, 30);
        BufferedImage bgr = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(HeifTestImages.quadrants(40, 30, BufferedImage.TYPE_INT_RGB), 0, 0, null);

        BufferedImage grayBack = DECODER.decode(ENCODER.encode(gray, new EncodeOptions(90, false, true),
                SourceMetadata.NONE)).image();
        BufferedImage bgrBack = DECODER.decode(ENCODER.encode(bgr, new EncodeOptions(90, false, true),
                SourceMetadata.NONE)).image();

        assertTrue(psnr(gray, grayBack) > 30);
        HeifDecoderTest.assertCorners(bgrBack, HeifTestImages.TOP_LEFT, HeifTestImages.TOP_RIGHT,
                HeifTestImages.BOTTOM_LEFT, HeifTestImages.BOTTOM_RIGHT);
        // a sub-image shares its parent's int buffer at an offset: the rows must come from the right place
        BufferedImage parent = HeifTestImages.quadrants(80, 60, BufferedImage.TYPE_INT_RGB);
        BufferedImage sub = parent.getSubimage(40, 30, 40, 30);
        BufferedImage subBack = DECODER.decode(ENCODER.encode(sub, new EncodeOptions(90, false, true),
                SourceMetadata.NONE)).image();
        HeifTestImages.assertColour(HeifTestImages.BOTTOM_RIGHT, subBack.getRGB(20, 15), 12, "sub-image");
    }

    /** Decodes with libavif's avifdec (dav1d), which shares no code with libheif. */
    private static BufferedImage avifdec(byte[] avif) {
        return com.imagecogni.support.IndependentDecoders.avifdec(avif);
    }
}
