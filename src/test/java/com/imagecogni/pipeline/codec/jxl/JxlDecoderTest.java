package com.imagecogni.pipeline.codec.jxl;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.support.Psnr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The decoder against files libjxl's own cjxl wrote from PNGs made here, and two files made with the libjxl encode
 * API in C, which cjxl 0.7 has no options for: oriented.jxl, a 40x20 lossless image, left half red and right half
 * blue, orientation 6 = rotate 90° clockwise; animated.jxl, two 32x24 lossless frames, green then magenta.
 */
class JxlDecoderTest {

    private static final JxlDecoder DECODER = new JxlDecoder(DecodeLimits.defaults());

    @BeforeAll
    static void libjxlIsInstalled() {
        assertTrue(Jxl.available(), "libjxl.so.0.7 should be installed here: " + Jxl.problems());
    }

    @Test
    void cjxlLossyDecodesCloseToItsSource() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        BufferedImage source = JxlTools.photo(320, 240);
        DecodedJxl decoded = DECODER.decode(JxlTools.cjxl(JxlTools.png(source), "-q", "90"));
        assertEquals(BufferedImage.TYPE_INT_RGB, decoded.image().getType());
        assertNull(decoded.iccProfile(), "a lossy (XYB) file decodes to sRGB: no profile to convert with");
        assertEquals(new JxlProbe(320, 240, false, false, 8), decoded.probe());
        double psnr = Psnr.of(source, decoded.image());
        assertTrue(psnr >= 35, "PSNR " + psnr);
    }

    @Test
    void cjxlLosslessDecodesExactly() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        BufferedImage source = JxlTools.photo(200, 150);
        DecodedJxl decoded = DECODER.decode(JxlTools.cjxl(JxlTools.png(source), "-d", "0"));
        JxlTools.assertSamePixels(source, decoded.image());
        assertNull(decoded.iccProfile());
    }

    @Test
    void alphaDecodesAsNonPremultipliedArgb() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        BufferedImage source = JxlTools.translucent(97, 61);
        DecodedJxl decoded = DECODER.decode(JxlTools.cjxl(JxlTools.png(source), "-d", "0"));
        assertEquals(BufferedImage.TYPE_INT_ARGB, decoded.image().getType());
        assertTrue(decoded.probe().hasAlpha());
        JxlTools.assertSamePixels(source, decoded.image());
    }

    @Test
    void grayscaleDecodesAsEqualRgb() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        BufferedImage gray = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                gray.getRaster().setSample(x, y, 0, (x * 4 + y) & 0xFF);
            }
        }
        DecodedJxl decoded = DECODER.decode(JxlTools.cjxl(JxlTools.png(gray), "-d", "0"));
        assertNull(decoded.iccProfile(), "gray with the sRGB curve needs no conversion");
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int v = (x * 4 + y) & 0xFF;
                assertEquals(0xFF000000 | v << 16 | v << 8 | v, decoded.image().getRGB(x, y), "(" + x + "," + y + ")");
            }
        }
    }

    @Test
    void losslessWithAnotherProfileReturnsItsIcc() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        BufferedImage linear = linearRgb(64, 48);
        byte[] png = JxlTools.withIccp(JxlTools.png(linear), ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());

        DecodedJxl lossless = DECODER.decode(JxlTools.cjxl(png, "-d", "0"));
        assertNotNull(lossless.iccProfile(), "lossless keeps the linear samples: the caller needs their profile");
        ICC_Profile profile = ICC_Profile.getInstance(lossless.iccProfile());
        assertEquals(ColorSpace.TYPE_RGB, profile.getColorSpaceType());
        int[] raw = linear.getRaster().getPixel(40, 30, (int[]) null);
        assertEquals(raw[0] << 16 | raw[1] << 8 | raw[2], lossless.image().getRGB(40, 30) & 0xFFFFFF,
                "the samples as stored, not converted");

        // lossy files are XYB inside, and libjxl renders them to sRGB itself: then there is nothing to convert
        DecodedJxl lossy = DECODER.decode(JxlTools.cjxl(png, "-q", "95"));
        assertNull(lossy.iccProfile());
        BufferedImage expected = new ColorConvertOp(null).filter(linear,
                new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB));
        double psnr = Psnr.of(expected, lossy.image());
        assertTrue(psnr >= 35, "sRGB rendering of the linear image, PSNR " + psnr);
    }

    @Test
    void orientationIsAppliedAndTheUprightSizeReported() {
        byte[] oriented = JxlTools.resource("oriented.jxl");
        assertEquals(new JxlProbe(20, 40, false, false, 8), DECODER.probe(oriented));
        BufferedImage image = DECODER.decode(oriented).image();
        assertEquals(20, image.getWidth());
        assertEquals(40, image.getHeight());
        // rotated 90° clockwise, the coded left half (red) is the top half
        assertEquals(0xFFFF0000, image.getRGB(0, 0));
        assertEquals(0xFFFF0000, image.getRGB(19, 19));
        assertEquals(0xFF0000FF, image.getRGB(0, 20));
        assertEquals(0xFF0000FF, image.getRGB(19, 39));
    }

    @Test
    void anAnimationDecodesToItsFirstFrame() {
        byte[] animated = JxlTools.resource("animated.jxl");
        JxlProbe probe = DECODER.probe(animated);
        assertTrue(probe.animated());
        DecodedJxl decoded = DECODER.decode(animated);
        assertEquals(32, decoded.image().getWidth());
        assertEquals(24, decoded.image().getHeight());
        assertEquals(0xFF00FF00, decoded.image().getRGB(0, 0), "the first frame is green");
        assertEquals(0xFF00FF00, decoded.image().getRGB(31, 23));
    }

    @Test
    void probeReadsOnlyTheHeader() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        byte[] jxl = JxlTools.cjxl(JxlTools.png(JxlTools.translucent(300, 200)), "-q", "90");
        assertEquals(new JxlProbe(300, 200, true, false, 8), DECODER.probe(jxl));
        // the header alone is enough for the probe, while the decoder needs the rest
        byte[] head = Arrays.copyOf(jxl, 40);
        assertEquals(new JxlProbe(300, 200, true, false, 8), DECODER.probe(head));
        assertRejected(FailureReason.CORRUPT_IMAGE, head);
    }

    @Test
    void overThePixelLimitIsRefusedFromTheHeader() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        byte[] jxl = JxlTools.cjxl(JxlTools.png(JxlTools.photo(64, 48)), "-q", "90");
        JxlDecoder small = new JxlDecoder(DecodeLimits.of(100));
        InputRejectedException refused = assertThrows(InputRejectedException.class, () -> small.decode(jxl));
        assertEquals(FailureReason.TOO_MANY_PIXELS, refused.reason());
        assertThrows(InputRejectedException.class, () -> small.probe(jxl));
        // with everything after the header cut off, the verdict is the same: it came from the header
        InputRejectedException cut = assertThrows(InputRejectedException.class,
                () -> small.decode(Arrays.copyOf(jxl, 40)));
        assertEquals(FailureReason.TOO_MANY_PIXELS, cut.reason());
        assertEquals(64, new JxlDecoder(DecodeLimits.of(64 * 48)).decode(jxl).image().getWidth(), "at the limit");
    }

    @Test
    void truncatedAndGarbageDataAreCorrupt() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        byte[] jxl = JxlTools.cjxl(JxlTools.png(JxlTools.photo(200, 150)), "-q", "90");
        for (int length : new int[] {1, 2, 12, jxl.length / 2, jxl.length - 1}) {
            assertRejected(FailureReason.CORRUPT_IMAGE, Arrays.copyOf(jxl, length));
        }
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        assertRejected(FailureReason.CORRUPT_IMAGE, garbage);
        byte[] png = JxlTools.png(JxlTools.photo(20, 10));
        assertRejected(FailureReason.CORRUPT_IMAGE, png);
        byte[] flipped = jxl.clone();
        for (int i = 20; i < flipped.length; i += 7) {
            flipped[i] ^= 0x5A;
        }
        assertRejectedOrDecoded(flipped);
        assertRejected(FailureReason.EMPTY_INPUT, new byte[0]);
    }

    @Test
    void theDecodedImageIsIndependentOfNativeMemory() {
        assumeTrue(JxlTools.toolsInstalled(), "cjxl/djxl (libjxl-tools) not installed");
        BufferedImage source = JxlTools.photo(50, 40);
        byte[] jxl = JxlTools.cjxl(JxlTools.png(source), "-d", "0");
        BufferedImage first = DECODER.decode(jxl).image();
        DECODER.decode(JxlTools.cjxl(JxlTools.png(JxlTools.translucent(50, 40)), "-d", "0"));
        JxlTools.assertSamePixels(source, first);
        assertArrayEquals(DECODER.decode(jxl).image().getRGB(0, 0, 50, 40, null, 0, 50),
                first.getRGB(0, 0, 50, 40, null, 0, 50));
    }

    private static void assertRejected(FailureReason reason, byte[] data) {
        InputRejectedException refused = assertThrows(InputRejectedException.class, () -> DECODER.decode(data));
        assertEquals(reason, refused.reason(), refused.getMessage());
        if (reason == FailureReason.CORRUPT_IMAGE) {
            assertTrue(refused.getMessage().startsWith("the JPEG XL data cannot be decoded: "), refused.getMessage());
        }
    }

    /** Damage inside the entropy-coded data may go unnoticed; it must then still give an image of the header's size. */
    private static void assertRejectedOrDecoded(byte[] data) {
        try {
            DecodedJxl decoded = DECODER.decode(data);
            assertEquals(decoded.probe().width(), decoded.image().getWidth());
            assertEquals(decoded.probe().height(), decoded.image().getHeight());
        } catch (InputRejectedException refused) {
            assertEquals(FailureReason.CORRUPT_IMAGE, refused.reason(), refused.getMessage());
        }
    }

    /** 8-bit samples in linear-light sRGB primaries: a colour space libjxl must describe with another profile. */
    private static BufferedImage linearRgb(int width, int height) {
        ICC_ColorSpace space = new ICC_ColorSpace(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));
        ComponentColorModel model = new ComponentColorModel(space, false, false, java.awt.Transparency.OPAQUE,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {x * 4, y * 5, 128});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }
}
