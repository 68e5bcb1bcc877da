package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.pipeline.TestImages;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test images, ImageIO as the independent JPEG codec, PSNR, and the check that libturbojpeg is installed. */
final class JpegTestSupport {

    private static BufferedImage photoCrop;

    private JpegTestSupport() {
    }

    /** bin/install-codecs installs libturbojpeg0; without it these tests fail rather than pass vacuously. */
    static void requireTurboJpeg() {
        assertTrue(TurboJpeg.available(), "libturbojpeg.so.0 is not installed (bin/install-codecs)");
    }

    /** A 1024x768 crop of the CC0 test photo: real texture, edges and colour, unlike a synthetic gradient. */
    static synchronized BufferedImage photo() {
        if (photoCrop == null) {
            photoCrop = readRegion(TestImages.photo(), new Rectangle(2000, 1000, 1024, 768));
        }
        return photoCrop;
    }

    static BufferedImage readRegion(byte[] jpeg, Rectangle region) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(region);
                return toIntRgb(reader.read(0, param));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage imageIoDecode(byte[] jpeg) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertTrue(img != null, "ImageIO found no reader for the bytes");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ImageIO's JPEG writer (the JDK's libjpeg 6b: 4:2:0 for colour) at {@code quality} 0..1. */
    static byte[] imageIoJpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), param);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    static BufferedImage toIntRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.createGraphics().drawImage(img, 0, 0, null);
        return out;
    }

    /** Peak signal-to-noise ratio over R, G and B, in dB (infinite for identical images). */
    static double psnr(BufferedImage a, BufferedImage b) {
        return com.imagecogni.support.Psnr.of(a, b);
    }

    /** The largest difference of any channel of any pixel. */
    static int maxDiff(BufferedImage a, BufferedImage b) {
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    max = Math.max(max, Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF)));
                }
            }
        }
        return max;
    }

    /** Exact area average by {@code factor} (sizes rounded up; edge blocks average the pixels they have). */
    static BufferedImage areaDownscale(BufferedImage img, int factor) {
        int w = (img.getWidth() + factor - 1) / factor;
        int h = (img.getHeight() + factor - 1) / factor;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long r = 0;
                long g = 0;
                long b = 0;
                int n = 0;
                for (int yy = y * factor; yy < Math.min(img.getHeight(), (y + 1) * factor); yy++) {
                    for (int xx = x * factor; xx < Math.min(img.getWidth(), (x + 1) * factor); xx++) {
                        int p = img.getRGB(xx, yy);
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                        n++;
                    }
                }
                out.setRGB(x, y, (int) ((r + n / 2) / n) << 16 | (int) ((g + n / 2) / n) << 8 | (int) ((b + n / 2) / n));
            }
        }
        return out;
    }

    /** The offset of the first marker {@code FF code} in the header (before the first scan), or -1. */
    static int findMarker(byte[] jpeg, int code) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == code) {
                return pos;
            }
            if (marker == 0xDA) {
                return -1;
            }
            pos += 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
        }
        return -1;
    }
}
