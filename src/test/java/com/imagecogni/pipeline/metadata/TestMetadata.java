package com.imagecogni.pipeline.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Metadata payloads for tests: a camera-like EXIF block with orientation and GPS, an XMP packet, a Display P3 profile. */
public final class TestMetadata {

    /** The latitude rational's numerator written into the GPS block: its bytes must not survive stripping. */
    public static final int LATITUDE_DEGREES = 48_137;

    private TestMetadata() {
    }

    /**
     * Little-endian TIFF: IFD0 with Make ("TestCam"), Orientation, a GPS IFD pointer, then the GPS IFD with
     * GPSLatitudeRef "N" and GPSLatitude (three rationals stored outside the entry).
     */
    public static byte[] exifWithGps(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(8);
        int ifd0 = 8;
        int make = ifd0 + 2 + 3 * 12 + 4; // 50
        int gps = make + 8; // 58
        int latitude = gps + 2 + 2 * 12 + 4; // 88
        b.putShort((short) 3);
        b.putShort((short) 0x010F).putShort((short) 2).putInt(8).putInt(make);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gps);
        b.putInt(0);
        b.put("TestCam\0".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 2);
        b.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        b.putShort((short) 2).putShort((short) 5).putInt(3).putInt(latitude);
        b.putInt(0);
        b.putInt(LATITUDE_DEGREES).putInt(1000).putInt(30).putInt(1).putInt(0).putInt(1);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    public static byte[] xmpWithGps() {
        return ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" tiff:Orientation=\"6\" exif:GPSLatitude=\"48,8.2N\">"
                + "<exif:GPSLongitude>11,34.5E</exif:GPSLongitude><dc:creator>Test Author</dc:creator>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A Display P3 matrix/TRC profile (ICC v2): the P3 primaries adapted to D50 (as in Apple's profile) with a 2.2
     * gamma curve, built here because the JDK ships no wide-gamut RGB profile.
     */
    public static byte[] displayP3() {
        byte[][] tags = {
            text("desc", descType("Display P3 (test)")),
            text("wtpt", xyz(0.9642, 1.0, 0.8249)),
            text("rXYZ", xyz(0.5151, 0.2412, -0.0011)),
            text("gXYZ", xyz(0.2920, 0.6922, 0.0419)),
            text("bXYZ", xyz(0.1571, 0.0666, 0.7841)),
            text("rTRC", gamma(2.2)),
            text("gTRC", gamma(2.2)),
            text("bTRC", gamma(2.2)),
            text("cprt", textType("public domain")),
        };
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer table = ByteBuffer.allocate(4 + 12 * tags.length);
        table.putInt(tags.length);
        int offset = 128 + 4 + 12 * tags.length;
        for (byte[] tag : tags) {
            int size = tag.length - 4;
            table.put(tag, 0, 4).putInt(offset + data.size()).putInt(size);
            data.write(tag, 4, size);
            while (data.size() % 4 != 0) {
                data.write(0);
            }
        }
        int total = offset + data.size();
        ByteBuffer header = ByteBuffer.allocate(128);
        header.putInt(total).putInt(0).putInt(0x02100000);
        header.put(ascii("mntr")).put(ascii("RGB ")).put(ascii("XYZ "));
        header.put(new byte[12]).put(ascii("acsp")).put(new byte[24]).putInt(0);
        header.putInt(s15(0.9642)).putInt(s15(1.0)).putInt(s15(0.8249));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(table.array());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    private static byte[] text(String signature, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + body.length);
        return b.put(ascii(signature)).put(body).array();
    }

    private static byte[] xyz(double x, double y, double z) {
        return ByteBuffer.allocate(20).put(ascii("XYZ ")).putInt(0).putInt(s15(x)).putInt(s15(y)).putInt(s15(z)).array();
    }

    private static byte[] gamma(double gamma) {
        return ByteBuffer.allocate(14).put(ascii("curv")).putInt(0).putInt(1).putShort((short) Math.round(gamma * 256)).array();
    }

    private static byte[] descType(String description) {
        byte[] chars = (description + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(12 + chars.length + 8 + 3 + 67).put(ascii("desc")).putInt(0).putInt(chars.length)
                .put(chars).array();
    }

    private static byte[] textType(String text) {
        byte[] chars = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + chars.length).put(ascii("text")).putInt(0).put(chars).array();
    }

    private static int s15(double v) {
        return (int) Math.round(v * 65536);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
