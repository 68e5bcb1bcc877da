package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.decode.DecodeLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import static com.imagecogni.pipeline.codec.jpeg.JpegTestSupport.areaDownscale;
import static com.imagecogni.pipeline.codec.jpeg.JpegTestSupport.imageIoDecode;
import static com.imagecogni.pipeline.codec.jpeg.JpegTestSupport.imageIoJpeg;
import static com.imagecogni.pipeline.codec.jpeg.JpegTestSupport.maxDiff;
import static com.imagecogni.pipeline.codec.jpeg.JpegTestSupport.psnr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TurboJpegDecoder against ImageIO's decoder, its DCT scale choice and its refusals. */
class TurboJpegDecoderTest {

    private static final DecodeLimits LIMITS = DecodeLimits.defaults();
    private static byte[] photoJpeg;

    @BeforeAll
    static void setUp() {
        JpegTestSupport.requireTurboJpeg();
        photoJpeg = imageIoJpeg(JpegTestSupport.photo(), 0.85f);
    }

    @Test
    void fullSizeDecodeAgreesWithImageIo() {
        ScaledJpeg decoded = decode(photoJpeg, Integer.MAX_VALUE, Integer.MAX_VALUE);
        BufferedImage reference = imageIoDecode(photoJpeg);
        assertEquals(BufferedImage.TYPE_INT_RGB, decoded.image().getType());
        assertEquals(DctScale.FULL, decoded.scale());
        double psnr = psnr(decoded.image(), reference);
        int maxDiff = maxDiff(decoded.image(), reference);
        System.out.printf("TurboJPEG vs ImageIO full decode: PSNR %.2f dB, max diff %d%n", psnr, maxDiff);
        assertTrue(psnr >= 45, "PSNR " + psnr);
        assertTrue(maxDiff <= 8, "max diff " + maxDiff);
    }

    /** 1001x667: odd sizes, so TJSCALED's rounding up shows (1/8: 126x84, 1/4: 251x167, 1/2: 501x334). */
    @ParameterizedTest
    @CsvSource({
            "0, 0, 8", "126, 84, 8", "127, 84, 4", "126, 85, 4", "251, 167, 4", "252, 0, 2", "0, 168, 2",
            "501, 334, 2", "502, 334, 1", "1001, 667, 1", "5000, 5000, 1", "2147483647, 2147483647, 1"})
    void picksTheSmallestScaleCoveringTheMinimum(int minWidth, int minHeight, int expectedDenominator) {
        byte[] jpeg = imageIoJpeg(TestImages.gradient(1001, 667), 0.9f);
        ScaledJpeg decoded = decode(jpeg, minWidth, minHeight);
        assertEquals(new DctScale(1, expectedDenominator), decoded.scale());
        assertEquals((1001 + expectedDenominator - 1) / expectedDenominator, decoded.image().getWidth());
        assertEquals((667 + expectedDenominator - 1) / expectedDenominator, decoded.image().getHeight());
        assertEquals(1001, decoded.sourceWidth());
        assertEquals(667, decoded.sourceHeight());
    }

    /** The scaled pixels are the picture, not just the right size: close to an area average of the full decode. */
    @Test
    void scaledDecodesResembleTheDownscaledFullDecode() {
        BufferedImage full = decode(photoJpeg, Integer.MAX_VALUE, Integer.MAX_VALUE).image();
        for (int denominator : new int[] {2, 4, 8}) {
            int w = (full.getWidth() + denominator - 1) / denominator;
            BufferedImage scaled = decode(photoJpeg, w, 0).image();
            double psnr = psnr(scaled, areaDownscale(full, denominator));
            System.out.printf("DCT 1/%d decode vs full decode area-averaged by %d: PSNR %.2f dB%n",
                    denominator, denominator, psnr);
            assertTrue(psnr >= 30, "1/" + denominator + ": PSNR " + psnr);
        }
    }

    @Test
    void grayscaleJpegDecodesToEqualChannels() {
        BufferedImage gray = new BufferedImage(320, 200, BufferedImage.TYPE_BYTE_GRAY);
        gray.createGraphics().drawImage(JpegTestSupport.photo(), 0, 0, null);
        byte[] jpeg = imageIoJpeg(gray, 0.9f);
        BufferedImage decoded = decode(jpeg, Integer.MAX_VALUE, Integer.MAX_VALUE).image();
        BufferedImage reference = imageIoDecode(jpeg);
        for (int y = 0; y < 200; y += 7) {
            for (int x = 0; x < 320; x += 5) {
                int p = decoded.getRGB(x, y);
                assertEquals((p >> 16) & 0xFF, p & 0xFF, "red = blue at " + x + "," + y);
                assertEquals((p >> 8) & 0xFF, p & 0xFF, "green = blue at " + x + "," + y);
                int expected = reference.getRaster().getSample(x, y, 0);
                assertEquals(expected, p & 0xFF, 1, "grey level at " + x + "," + y);
            }
        }
    }

    /** Adobe APP14 with transform 0 marks the four components as CMYK, as Photoshop writes them. */
    @Test
    void cmykJpegIsLeftToTheImageIoPath() throws IOException {
        assertEquals(Optional.empty(), TurboJpegDecoder.decode(cmykJpeg(), 0, 0, LIMITS));
    }

    @Test
    void truncatedJpegIsCorrupt() {
        byte[] truncated = Arrays.copyOf(photoJpeg, photoJpeg.length / 2);
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> TurboJpegDecoder.decode(truncated, 0, 0, LIMITS));
        assertEquals(FailureReason.CORRUPT_IMAGE, e.reason());
        assertTrue(e.getMessage().startsWith("the JPEG data is incomplete: "), e.getMessage());
    }

    /** Some cameras write padding before EOI: libjpeg warns "extraneous bytes", the image is whole, ImageIO takes it. */
    @Test
    void extraneousBytesBeforeAMarkerAreAcceptedLikeImageIoDoes() throws IOException {
        byte[] padded = new byte[photoJpeg.length + 3];
        System.arraycopy(photoJpeg, 0, padded, 0, photoJpeg.length - 2);
        padded[photoJpeg.length - 2] = 0x11;
        padded[photoJpeg.length - 1] = 0x22;
        padded[photoJpeg.length] = 0x33;
        padded[photoJpeg.length + 1] = (byte) 0xFF;
        padded[photoJpeg.length + 2] = (byte) 0xD9;
        ScaledJpeg decoded = TurboJpegDecoder.decode(padded, Integer.MAX_VALUE, Integer.MAX_VALUE, LIMITS).orElseThrow();
        assertEquals(ImageIO.read(new java.io.ByteArrayInputStream(padded)).getWidth(), decoded.image().getWidth());
    }

    @Test
    void damagedHeaderIsCorrupt() {
        byte[] damaged = photoJpeg.clone();
        int sof = JpegTestSupport.findMarker(damaged, 0xC0);
        damaged[sof + 9] = 7; // seven components in a baseline frame header
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> TurboJpegDecoder.decode(damaged, 0, 0, LIMITS));
        assertEquals(FailureReason.CORRUPT_IMAGE, e.reason());
        assertTrue(e.getMessage().startsWith("the jpeg data cannot be decoded: "), e.getMessage());
    }

    @Test
    void overTheLimitIsRefusedFromTheHeader() {
        assertThrows(InputRejectedException.class, () -> TurboJpegDecoder.decode(photoJpeg, 0, 0,
                DecodeLimits.of(1024L * 768 - 1)));
        assertTrue(TurboJpegDecoder.decode(photoJpeg, 0, 0, DecodeLimits.of(1024L * 768)).isPresent());
    }

    /**
     * A frame header claiming 60000x60000 in front of a cut-off scan: had the decoder started, it would have failed
     * on the missing data (or allocated 14 GB), so TOO_MANY_PIXELS shows the check ran on the header alone.
     */
    @Test
    void overTheLimitIsRefusedBeforeDecoding() {
        byte[] bomb = Arrays.copyOf(photoJpeg, JpegTestSupport.findMarker(photoJpeg, 0xDA) + 20);
        int sof = JpegTestSupport.findMarker(bomb, 0xC0);
        bomb[sof + 5] = (byte) 0xEA; // height 0xEA60 = 60000
        bomb[sof + 6] = (byte) 0x60;
        bomb[sof + 7] = (byte) 0xEA; // width 60000
        bomb[sof + 8] = (byte) 0x60;
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> TurboJpegDecoder.decode(bomb, 0, 0, LIMITS));
        assertEquals(FailureReason.TOO_MANY_PIXELS, e.reason());
    }

    @Test
    void emptyAndNonJpegInputAreCorrupt() {
        for (byte[] data : new byte[][] {{}, {(byte) 0xFF, (byte) 0xD8}, "not a jpeg".getBytes()}) {
            InputRejectedException e = assertThrows(InputRejectedException.class,
                    () -> TurboJpegDecoder.decode(data, 0, 0, LIMITS));
            assertEquals(FailureReason.CORRUPT_IMAGE, e.reason());
        }
    }

    private static ScaledJpeg decode(byte[] jpeg, int minWidth, int minHeight) {
        return TurboJpegDecoder.decode(jpeg, minWidth, minHeight, LIMITS).orElseThrow();
    }

    private static byte[] cmykJpeg() {
        return TestImages.cyanCmykJpeg();
    }
}
