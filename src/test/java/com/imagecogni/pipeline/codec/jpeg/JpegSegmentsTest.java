package com.imagecogni.pipeline.codec.jpeg;

import com.imagecogni.pipeline.decode.SourceMetadata;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JpegSegments: splice and read back, checked by its own reader and by the JDK's JPEG reader. */
class JpegSegmentsTest {

    /** A big-endian TIFF header with one IFD entry (orientation 6). */
    private static final byte[] EXIF = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 1, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
            0, 0, 0, 0};
    private static final byte[] XMP = ("<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:"
            + "meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/></x:xmpmeta>"
            + "<?xpacket end='w'?>").getBytes(StandardCharsets.UTF_8);
    /** Linear RGB: a real RGB profile that is not the sRGB a reader might assume anyway. */
    private static final byte[] SMALL_ICC = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    /** PhotoYCC, 234 080 bytes: four chunks. */
    private static final byte[] LARGE_ICC = ICC_Profile.getInstance(ColorSpace.CS_PYCC).getData();

    private static final String JDK_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReader";
    private static final byte[] PLAIN = JpegTestSupport.imageIoJpeg(new BufferedImage(40, 30,
            BufferedImage.TYPE_INT_RGB), 0.9f);

    @Test
    void roundTripThroughOwnReader() {
        for (byte[] icc : new byte[][] {SMALL_ICC, LARGE_ICC}) {
            SourceMetadata read = JpegSegments.read(JpegSegments.splice(PLAIN, new SourceMetadata(EXIF, XMP, icc)));
            assertArrayEquals(EXIF, read.exif());
            assertArrayEquals(XMP, read.xmp());
            assertArrayEquals(icc, read.icc());
        }
    }

    @Test
    void segmentsGoAfterJfifInOrder() {
        byte[] spliced = JpegSegments.splice(PLAIN, new SourceMetadata(EXIF, XMP, LARGE_ICC));
        assertEquals(0xE0, spliced[3] & 0xFF, "JFIF APP0 stays first");
        List<Integer> markers = headerMarkers(spliced);
        assertEquals(List.of(0xE0, 0xE1, 0xE1, 0xE2, 0xE2, 0xE2, 0xE2), markers.subList(0, 7));
        int chunks = (LARGE_ICC.length + JpegSegments.ICC_CHUNK - 1) / JpegSegments.ICC_CHUNK;
        assertEquals(4, chunks);
        assertArrayEquals(Arrays.copyOfRange(PLAIN, 2 + 2 + 16, PLAIN.length),
                Arrays.copyOfRange(spliced, spliced.length - (PLAIN.length - 20), spliced.length),
                "everything after the JFIF segment is kept as it was");
    }

    @Test
    void withoutJfifSegmentsGoRightAfterSoi() {
        byte[] noJfif = removeFirstSegment(PLAIN);
        byte[] spliced = JpegSegments.splice(noJfif, new SourceMetadata(EXIF, null, null));
        assertEquals(0xE1, spliced[3] & 0xFF);
        assertArrayEquals(EXIF, JpegSegments.read(spliced).exif());
    }

    /**
     * The JDK's reader: EXIF and XMP as APP1 "unknown" marker nodes, a one-chunk ICC profile as the JFIF app2ICC node.
     * (The JDK cannot check a multi-chunk profile: it drops the last two bytes of every chunk after the first.)
     */
    @Test
    void jdkReaderSeesTheSplicedMetadata() throws IOException {
        byte[] spliced = JpegSegments.splice(PLAIN, new SourceMetadata(EXIF, XMP, SMALL_ICC));
        IIOMetadataNode tree = metadataTree(spliced, JDK_READER);
        List<byte[]> app1 = new ArrayList<>();
        for (Node n = tree.getElementsByTagName("markerSequence").item(0).getFirstChild(); n != null;
                n = n.getNextSibling()) {
            if (n.getNodeName().equals("unknown") && "225".equals(attribute(n, "MarkerTag"))) {
                app1.add((byte[]) ((IIOMetadataNode) n).getUserObject());
            }
        }
        assertEquals(2, app1.size());
        assertArrayEquals(concat(JpegSegments.EXIF_ID, EXIF), app1.get(0));
        assertArrayEquals(concat(JpegSegments.XMP_ID, XMP), app1.get(1));
        IIOMetadataNode icc = (IIOMetadataNode) tree.getElementsByTagName("app2ICC").item(0);
        assertNotNull(icc, "app2ICC node");
        assertArrayEquals(SMALL_ICC, ((ICC_Profile) icc.getUserObject()).getData());
    }

    /** TwelveMonkeys' reader joins ICC chunks itself, correctly: the four-chunk profile comes back byte-equal. */
    @Test
    void twelveMonkeysReaderJoinsTheIccChunks() throws IOException {
        byte[] spliced = JpegSegments.splice(PLAIN, new SourceMetadata(EXIF, XMP, LARGE_ICC));
        IIOMetadataNode tree = metadataTree(spliced, "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader");
        IIOMetadataNode icc = (IIOMetadataNode) tree.getElementsByTagName("app2ICC").item(0);
        assertNotNull(icc, "app2ICC node");
        assertArrayEquals(LARGE_ICC, ((ICC_Profile) icc.getUserObject()).getData());
    }

    /** The JDK reader offers the embedded profile's colour space among the image types it can decode to. */
    @Test
    void imageIoOffersTheEmbeddedProfile() throws IOException {
        byte[] spliced = JpegSegments.splice(PLAIN, new SourceMetadata(null, null, SMALL_ICC));
        ImageReader reader = reader(JDK_READER);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(spliced))) {
            reader.setInput(in);
            boolean found = false;
            for (Iterator<ImageTypeSpecifier> it = reader.getImageTypes(0); it.hasNext();) {
                ColorSpace cs = it.next().getColorModel().getColorSpace();
                // LittleCMS re-serialises a profile loaded from bytes, so it is recognised by size and behaviour:
                // sRGB mid-grey 0.5 is about 0.214 in linear RGB (and stays 0.5 in sRGB)
                found |= cs instanceof ICC_ColorSpace icc && icc.getProfile().getData().length == SMALL_ICC.length
                        && Math.abs(icc.fromRGB(new float[] {0.5f, 0.5f, 0.5f})[1] - 0.214f) < 0.01f;
            }
            assertTrue(found, "an image type in the embedded profile's colour space");
        } finally {
            reader.dispose();
        }
    }

    @Test
    void oversizedItemsAreDroppedOthersKept() {
        byte[] bigExif = new byte[JpegSegments.MAX_PAYLOAD - JpegSegments.EXIF_ID.length + 1];
        byte[] fittingExif = Arrays.copyOf(bigExif, bigExif.length - 1);
        byte[] bigXmp = new byte[JpegSegments.MAX_PAYLOAD - JpegSegments.XMP_ID.length + 1];
        byte[] hugeIcc = new byte[JpegSegments.ICC_CHUNK * JpegSegments.MAX_ICC_CHUNKS + 1];
        SourceMetadata read = JpegSegments.read(JpegSegments.splice(PLAIN,
                new SourceMetadata(bigExif, bigXmp, hugeIcc)));
        assertTrue(read.isEmpty());
        read = JpegSegments.read(JpegSegments.splice(PLAIN, new SourceMetadata(fittingExif, XMP,
                Arrays.copyOf(hugeIcc, hugeIcc.length - 1))));
        assertArrayEquals(fittingExif, read.exif());
        assertArrayEquals(XMP, read.xmp());
        assertEquals(hugeIcc.length - 1, read.icc().length);
    }

    @Test
    void iccChunksAreJoinedInSequenceOrder() {
        byte[] jpeg = withSegments(iccChunk(2, 2, "world"), iccChunk(1, 2, "hello "));
        assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), JpegSegments.read(jpeg).icc());
    }

    @Test
    void inconsistentIccChunksGiveNoProfile() {
        assertNull(JpegSegments.read(withSegments(iccChunk(1, 2, "a"), iccChunk(2, 3, "b"))).icc(), "counts differ");
        assertNull(JpegSegments.read(withSegments(iccChunk(1, 2, "a"), iccChunk(1, 2, "b"))).icc(), "repeated");
        assertNull(JpegSegments.read(withSegments(iccChunk(1, 2, "a"))).icc(), "missing chunk");
        assertNull(JpegSegments.read(withSegments(iccChunk(0, 1, "a"))).icc(), "sequence 0");
        assertNull(JpegSegments.read(withSegments(iccChunk(3, 2, "a"))).icc(), "sequence over count");
    }

    @Test
    void damagedOrForeignInputReadsAsLittleOrNothing() {
        assertSame(SourceMetadata.NONE, JpegSegments.read(new byte[0]));
        assertSame(SourceMetadata.NONE, JpegSegments.read("GIF89a".getBytes(StandardCharsets.US_ASCII)));
        byte[] spliced = JpegSegments.splice(PLAIN, new SourceMetadata(EXIF, XMP, null));
        // every truncation: never an exception, and a segment cut short is not returned
        for (int cut = 0; cut < 200; cut++) {
            SourceMetadata read = JpegSegments.read(Arrays.copyOf(spliced, cut));
            if (read.exif() != null) {
                assertArrayEquals(EXIF, read.exif());
            }
            assertNull(read.xmp(), "the XMP segment ends after byte 200");
        }
        byte[] lying = spliced.clone();
        lying[22] = (byte) 0xFF; // the EXIF segment's length now runs past the end
        assertNull(JpegSegments.read(lying).exif());
    }

    @Test
    void spliceRefusesNonJpegAndKeepsJpegWithoutMetadata() {
        assertThrows(IllegalArgumentException.class, () -> JpegSegments.splice(new byte[] {1, 2}, SourceMetadata.NONE));
        assertSame(PLAIN, JpegSegments.splice(PLAIN, SourceMetadata.NONE));
    }

    private static IIOMetadataNode metadataTree(byte[] jpeg, String readerClass) throws IOException {
        ImageReader reader = reader(readerClass);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            return (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_jpeg_image_1.0");
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(String readerClass) {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext();) {
            ImageReader candidate = it.next();
            if (candidate.getClass().getName().equals(readerClass)) {
                return candidate;
            }
        }
        throw new AssertionError("no ImageIO reader " + readerClass);
    }

    private static String attribute(Node n, String name) {
        Node a = n.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    private static List<Integer> headerMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int pos = 2;
        while ((jpeg[pos + 1] & 0xFF) != 0xDA) {
            markers.add(jpeg[pos + 1] & 0xFF);
            pos += 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
        }
        return markers;
    }

    private static byte[] removeFirstSegment(byte[] jpeg) {
        int end = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        return concat(Arrays.copyOf(jpeg, 2), Arrays.copyOfRange(jpeg, end, jpeg.length));
    }

    private static byte[] iccChunk(int sequence, int count, String data) {
        byte[] body = concat(JpegSegments.ICC_ID, new byte[] {(byte) sequence, (byte) count},
                data.getBytes(StandardCharsets.US_ASCII));
        int length = body.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length}, body);
    }

    private static byte[] withSegments(byte[]... segments) {
        byte[] jpeg = Arrays.copyOf(PLAIN, 2);
        for (byte[] s : segments) {
            jpeg = concat(jpeg, s);
        }
        return concat(jpeg, Arrays.copyOfRange(PLAIN, 2, PLAIN.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
