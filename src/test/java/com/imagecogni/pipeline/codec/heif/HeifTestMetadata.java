package com.imagecogni.pipeline.codec.heif;

import com.imagecogni.pipeline.decode.SourceMetadata;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.charset.StandardCharsets;

/** A small EXIF (TIFF, one IFD with an orientation tag), an XMP packet and the JDK's sRGB ICC profile. */
final class HeifTestMetadata {

    private HeifTestMetadata() {
    }

    static SourceMetadata sample() {
        byte[] exif = {'I', 'I', '*', 0, 8, 0, 0, 0, // TIFF header, IFD at 8
                1, 0, // one entry
                0x12, 0x01, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, // Orientation (SHORT, 1) = 1
                0, 0, 0, 0}; // no next IFD
        byte[] xmp = ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-"
                + "syntax-ns#\"><rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"image/"
                + "heic\"/></rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        return new SourceMetadata(exif, xmp, icc);
    }
}
