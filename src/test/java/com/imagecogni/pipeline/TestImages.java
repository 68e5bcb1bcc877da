package com.imagecogni.pipeline;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Generated test images and their encodings, plus the CC0 photo from the test resources. */
public final class TestImages {

    private static byte[] photo;

    private TestImages() {
    }

    /** Opaque image with a smooth, position-dependent colour, so geometry mistakes show up as colour mistakes. */
    public static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / Math.max(1, w - 1)) << 16 | (y * 255 / Math.max(1, h - 1)) << 8 | 96);
            }
        }
        return img;
    }

    public static BufferedImage filled(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    /** A filled image with a differently coloured square block in its top-left and top-right corners. */
    public static BufferedImage markedCorners(int w, int h, int block) {
        BufferedImage img = filled(w, h, Color.GRAY);
        for (int y = 0; y < block; y++) {
            for (int x = 0; x < block; x++) {
                img.setRGB(x, y, 0xFF0000);
                img.setRGB(w - 1 - x, y, 0x0000FF);
            }
        }
        return img;
    }

    public static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A progressive JPEG (the JDK writer's default script, about ten scans). */
    public static byte[] progressiveJpeg(BufferedImage img) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An animated GIF with {@code frames} frames. */
    public static byte[] animatedGif(int w, int h, int frames) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames; i++) {
                    writer.writeToSequence(new IIOImage(filled(w, h, new Color(i * 40 % 256, 0, 0)), null, null), null);
                }
                writer.endWriteSequence();
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG whose APP1 EXIF block carries the given orientation tag, inserted by hand after the JFIF APP0 segment. */
    public static byte[] jpegWithOrientation(BufferedImage img, int orientation) {
        byte[] jpeg = encode(img, "jpeg");
        int insertAt = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            insertAt = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
        tiff.put(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = concat("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), tiff.array());
        int len = exif.length + 2;
        byte[] segment = concat(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len}, exif);
        return concat(Arrays.copyOfRange(jpeg, 0, insertAt), segment, Arrays.copyOfRange(jpeg, insertAt, jpeg.length));
    }

    /** An animated WebP built by hand: VP8X (animation flag), ANIM, and two ANMF frames wrapping a still's bitstream. */
    public static byte[] animatedWebp(int w, int h) {
        byte[] still = encode(gradient(w, h), "webp");
        byte[] bitstream = Arrays.copyOfRange(still, 12, still.length);
        byte[] anmf = riffChunk("ANMF", concat(u24(0), u24(0), u24(w - 1), u24(h - 1), u24(100), new byte[] {0}, bitstream));
        byte[] vp8x = riffChunk("VP8X", concat(new byte[] {0x02, 0, 0, 0}, u24(w - 1), u24(h - 1)));
        byte[] body = concat("WEBP".getBytes(java.nio.charset.StandardCharsets.US_ASCII), vp8x, riffChunk("ANIM", new byte[6]), anmf, anmf);
        ByteBuffer riff = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.length);
        return concat(riff.array(), body);
    }

    private static byte[] riffChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] u24(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16)};
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static synchronized byte[] photo() {
        if (photo == null) {
            try (InputStream in = TestImages.class.getResourceAsStream("/photos/seeding-5312x2988.jpg")) {
                if (in == null) {
                    throw new IllegalStateException("test resource photos/seeding-5312x2988.jpg is missing");
                }
                photo = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return photo;
    }

    public static BufferedImage decodePlain(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    public static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    public static int blue(int rgb) {
        return rgb & 0xFF;
    }

    /**
     * An Adobe CMYK JPEG of pure cyan ink (APP14 transform 0, inverted samples as Photoshop writes them): ImageIO writes
     * a four-band raster as a plain four-component JPEG, and the Adobe segment makes it CMYK.
     */
    public static byte[] cyanCmykJpeg() {
        java.awt.image.WritableRaster cmyk = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                cmyk.setPixel(x, y, new int[] {0, 255, 255, 255});
            }
        }
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(cmyk, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] plain = bytes.toByteArray();
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return concat(Arrays.copyOf(plain, 2), adobe, Arrays.copyOfRange(plain, 2, plain.length));
    }
}
