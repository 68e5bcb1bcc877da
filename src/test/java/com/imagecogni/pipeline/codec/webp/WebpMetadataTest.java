package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.decode.SourceMetadata;
import com.imagecogni.pipeline.encode.EncodeOptions;
import com.imagecogni.pipeline.encode.WebpEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metadata container, on files from both encoders: webpinfo validates it, dwebp decodes it to the same pixels,
 * webpmux extracts byte-for-byte what was written, and {@link WebpMetadata#read} reads it back.
 */
class WebpMetadataTest {

    /** Odd lengths, so the pad bytes are exercised. */
    private static final byte[] EXIF = tiff();
    private static final byte[] XMP = ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF/></x:xmpmeta>?")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] ICC = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    private static final SourceMetadata ALL = new SourceMetadata(EXIF, XMP, ICC);

    private static BufferedImage opaque;
    private static BufferedImage translucent;

    @BeforeAll
    static void images() {
        assertTrue(Libwebp.available(), Libwebp.problems().toString());
        opaque = WebpTools.photo(120, 80);
        translucent = WebpTools.translucent(120, 80);
    }

    @Test
    void libwebpLossyOpaque() {
        checkAll(new LibwebpEncoder().encode(opaque, EncodeOptions.DEFAULT), List.of("VP8 "), 0x2C);
    }

    @Test
    void libwebpLossyWithAlpha() {
        checkAll(new LibwebpEncoder().encode(translucent, EncodeOptions.DEFAULT), List.of("ALPH", "VP8 "), 0x3C);
    }

    @Test
    void libwebpLosslessWithAlpha() {
        checkAll(new LibwebpEncoder().encode(translucent,
                new EncodeOptions(85, false, true, true, EncodeOptions.DEFAULT_EFFORT, false)), List.of("VP8L"), 0x3C);
    }

    @Test
    void webpImageioOpaqueAndWithAlpha() {
        checkAll(new WebpEncoder().encode(opaque, EncodeOptions.DEFAULT), List.of("VP8 "), 0x2C);
        checkAll(new WebpEncoder().encode(translucent, EncodeOptions.DEFAULT), List.of("ALPH", "VP8 "), 0x3C);
    }

    @Test
    void animation() {
        Animation animation = new Animation(List.of(opaque, translucent), List.of(80, 120), 0);
        byte[] webp = new LibwebpAnimationEncoder().encode(animation, EncodeOptions.DEFAULT);
        byte[] withMetadata = WebpMetadata.write(webp, ALL);
        List<String> order = WebpTools.chunkOrder(withMetadata);
        assertEquals(List.of("VP8X", "ICCP", "ANIM", "ANMF", "ANMF", "EXIF", "XMP "), order);
        assertEquals(0x3E, withMetadata[20] & 0xFF, "VP8X flags: ICC, alpha, EXIF, XMP, animation");
        WebpTools.assertWebpinfoAccepts(withMetadata);
        assertTrue(WebpTools.webpmuxInfo(withMetadata).contains("Number of frames: 2"));
        assertExtracted(withMetadata);
    }

    @Test
    void onlyThePartsGivenAreWrittenAndFlagged() {
        byte[] webp = new LibwebpEncoder().encode(opaque, EncodeOptions.DEFAULT);
        byte[] exifOnly = WebpMetadata.write(webp, new SourceMetadata(EXIF, null, null));
        assertEquals(List.of("VP8X", "VP8 ", "EXIF"), WebpTools.chunkOrder(exifOnly));
        assertEquals(0x08, exifOnly[20] & 0xFF);
        WebpTools.assertWebpinfoAccepts(exifOnly);
        SourceMetadata read = WebpMetadata.read(exifOnly);
        assertArrayEquals(EXIF, read.exif());
        assertNull(read.xmp());
        assertNull(read.icc());
        assertSame(webp, WebpMetadata.write(webp, SourceMetadata.NONE), "nothing to add to a simple file");
    }

    @Test
    void writingAgainReplacesInsteadOfDuplicating() {
        byte[] once = WebpMetadata.write(new LibwebpEncoder().encode(opaque, EncodeOptions.DEFAULT), ALL);
        byte[] newXmp = "<x:xmpmeta/>".getBytes(StandardCharsets.UTF_8);
        byte[] twice = WebpMetadata.write(once, new SourceMetadata(null, newXmp, null));
        assertEquals(List.of("VP8X", "VP8 ", "XMP "), WebpTools.chunkOrder(twice));
        assertArrayEquals(newXmp, WebpTools.webpmuxGet(twice, "xmp"));
        assertArrayEquals(newXmp, WebpMetadata.read(twice).xmp());
    }

    @Test
    void readerStaysInsideTheChunksAndTheFile() {
        byte[] full = WebpMetadata.write(new LibwebpEncoder().encode(opaque, EncodeOptions.DEFAULT), ALL);
        // cut inside the XMP chunk: ICC and EXIF are complete and read, XMP is not
        byte[] cut = Arrays.copyOf(full, full.length - 10);
        SourceMetadata read = WebpMetadata.read(cut);
        assertArrayEquals(ICC, read.icc());
        assertArrayEquals(EXIF, read.exif());
        assertNull(read.xmp());
        // a chunk size far past the end is not followed
        byte[] lying = full.clone();
        int xmpAt = full.length - 8 - XMP.length - 1;
        assertEquals("XMP ", WebpChunks.fourcc(full, xmpAt));
        lying[xmpAt + 7] = 0x7F;
        assertNull(WebpMetadata.read(lying).xmp());
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> WebpMetadata.read("not a webp file".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(FailureReason.CORRUPT_IMAGE, e.reason());
    }

    @Test
    void anExifChunkWithTheJpegPrefixIsReadWithoutIt() {
        byte[] prefixed = new byte[6 + EXIF.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, prefixed, 0, 6);
        System.arraycopy(EXIF, 0, prefixed, 6, EXIF.length);
        byte[] webp = WebpMetadata.write(new LibwebpEncoder().encode(opaque, EncodeOptions.DEFAULT),
                new SourceMetadata(prefixed, null, null));
        assertArrayEquals(EXIF, WebpMetadata.read(webp).exif());
    }

    /** Every part written, in spec order with the right flags, and read back byte-equal by webpmux and by us. */
    private static void checkAll(byte[] webp, List<String> imageChunks, int flags) {
        byte[] withMetadata = WebpMetadata.write(webp, ALL);
        List<String> expected = new ArrayList<>(List.of("VP8X", "ICCP"));
        expected.addAll(imageChunks);
        expected.addAll(List.of("EXIF", "XMP "));
        assertEquals(expected, WebpTools.chunkOrder(withMetadata));
        assertEquals(flags, withMetadata[20] & 0xFF, "VP8X flags");
        WebpTools.assertWebpinfoAccepts(withMetadata);
        String info = WebpTools.webpmuxInfo(withMetadata);
        assertTrue(info.contains("Canvas size: 120 x 80"), info);
        assertTrue(info.contains("ICC profile") && info.contains("EXIF metadata") && info.contains("XMP metadata"),
                info);
        WebpTools.assertSamePixels(WebpTools.dwebp(webp), WebpTools.dwebp(withMetadata));
        assertExtracted(withMetadata);
    }

    private static void assertExtracted(byte[] withMetadata) {
        assertArrayEquals(ICC, WebpTools.webpmuxGet(withMetadata, "icc"));
        assertArrayEquals(EXIF, WebpTools.webpmuxGet(withMetadata, "exif"));
        assertArrayEquals(XMP, WebpTools.webpmuxGet(withMetadata, "xmp"));
        SourceMetadata read = WebpMetadata.read(withMetadata);
        assertArrayEquals(ICC, read.icc());
        assertArrayEquals(EXIF, read.exif());
        assertArrayEquals(XMP, read.xmp());
    }

    /** A big-endian TIFF with one IFD entry (orientation 1) and a trailing odd byte. */
    private static byte[] tiff() {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(1, tiff.length % 2);
        return tiff;
    }
}
