package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.TestImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

import static com.imagecogni.pipeline.TestImages.blue;
import static com.imagecogni.pipeline.TestImages.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrientationAndColourTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final int W = 80;
    private static final int H = 40;

    /**
     * Expected corners from the EXIF 2.3 table (which stored row is the visual top, which stored column the visual
     * left): where the stored top-left (red) and stored top-right (blue) blocks end up.
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        "1, TL, TR", "2, TR, TL", "3, BR, BL", "4, BL, BR",
        "5, TL, BL", "6, TR, BR", "7, BR, TR", "8, BL, TL",
    })
    void appliesEveryExifOrientation(int orientation, String redCorner, String blueCorner) {
        byte[] jpeg = TestImages.jpegWithOrientation(TestImages.markedCorners(W, H, 12), orientation);
        DecodedImage d = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(jpeg);
        assertEquals(orientation, d.header().orientation());
        boolean swapped = orientation >= 5;
        assertEquals(swapped ? H : W, d.width());
        assertEquals(swapped ? W : H, d.height());
        int r = corner(d.image(), redCorner);
        int b = corner(d.image(), blueCorner);
        assertTrue(red(r) > 200 && blue(r) < 60, "red block at " + redCorner + ": " + Integer.toHexString(r));
        assertTrue(blue(b) > 200 && red(b) < 60, "blue block at " + blueCorner + ": " + Integer.toHexString(b));
    }

    private static int corner(BufferedImage img, String which) {
        int inset = 4;
        int x = which.charAt(1) == 'L' ? inset : img.getWidth() - 1 - inset;
        int y = which.charAt(0) == 'T' ? inset : img.getHeight() - 1 - inset;
        return img.getRGB(x, y);
    }

    @Test
    void convertsNonSrgbPixelsToSrgb() {
        // Linear-light 50% grey is sRGB ~188: an ICC conversion must happen, a plain copy would leave 128.
        ColorSpace linear = ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB);
        ColorModel cm = new ComponentColorModel(linear, false, false, ColorModel.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                raster.setPixel(x, y, new int[] {128, 128, 128});
            }
        }
        BufferedImage srgb = ColorNormalizer.toSrgb(new BufferedImage(cm, raster, false, null), RUNTIME.parallel());
        assertEquals(BufferedImage.TYPE_INT_RGB, srgb.getType());
        assertEquals(188, red(srgb.getRGB(1, 1)), 3);
    }

    /** An Adobe CMYK JPEG (APP14 transform 0, inverted samples as Photoshop writes them) of pure cyan ink. */
    @Test
    void decodesCmykJpegToRgb() throws Exception {
        byte[] jpeg = TestImages.cyanCmykJpeg();
        DecodedImage d = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel()).decode(jpeg);
        int p = d.image().getRGB(16, 16);
        assertEquals(BufferedImage.TYPE_INT_RGB, d.image().getType());
        assertTrue(red(p) < 60 && TestImages.green(p) > 150 && blue(p) > 200, "cyan: " + Integer.toHexString(p));
    }

    @Test
    void leavesGrayLevelsAlone() {
        BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 1, 0, 128);
        BufferedImage out = ColorNormalizer.toSrgb(gray, RUNTIME.parallel());
        assertEquals(128, red(out.getRGB(1, 1)), 1);
    }
}
