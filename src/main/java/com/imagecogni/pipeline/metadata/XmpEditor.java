package com.imagecogni.pipeline.metadata;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Edits an XMP packet for an output the way {@link ExifEditor} edits EXIF: {@code tiff:Orientation} becomes 1 and,
 * unless GPS is kept, every {@code exif:GPS*} property (attribute or element form) is removed, since XMP repeats the
 * EXIF coordinates.
 */
public final class XmpEditor {

    private static final Pattern GPS_ATTRIBUTE = Pattern.compile("\\s+exif:GPS\\w*\\s*=\\s*(\"[^\"]*\"|'[^']*')");
    private static final Pattern GPS_ELEMENT = Pattern.compile(
            "<exif:(GPS\\w*)\\b[^>]*?(/>|>.*?</exif:\\1\\s*>)", Pattern.DOTALL);
    private static final Pattern ORIENTATION_ATTRIBUTE = Pattern.compile("(tiff:Orientation\\s*=\\s*[\"'])\\d+([\"'])");
    private static final Pattern ORIENTATION_ELEMENT = Pattern.compile("(<tiff:Orientation>)\\s*\\d+\\s*(</tiff:Orientation>)");

    private XmpEditor() {
    }

    public static byte[] forOutput(byte[] xmp, boolean keepGps) {
        String packet = new String(xmp, StandardCharsets.UTF_8);
        packet = ORIENTATION_ATTRIBUTE.matcher(packet).replaceAll("$11$2");
        packet = ORIENTATION_ELEMENT.matcher(packet).replaceAll("$11$2");
        if (!keepGps) {
            packet = GPS_ATTRIBUTE.matcher(packet).replaceAll("");
            packet = GPS_ELEMENT.matcher(packet).replaceAll("");
        }
        return packet.getBytes(StandardCharsets.UTF_8);
    }
}
