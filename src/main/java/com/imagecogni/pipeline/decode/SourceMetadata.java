package com.imagecogni.pipeline.decode;

/**
 * The metadata a source carries beside its pixels, as raw payloads: EXIF as a TIFF structure (starting {@code II*\0}
 * or {@code MM\0*}, without the {@code Exif\0\0} or HEIF offset prefix), XMP as its XML packet, ICC as the whole
 * profile. Each is null when absent.
 */
public record SourceMetadata(byte[] exif, byte[] xmp, byte[] icc) {

    public static final SourceMetadata NONE = new SourceMetadata(null, null, null);

    public boolean isEmpty() {
        return exif == null && xmp == null && icc == null;
    }

    public SourceMetadata withIcc(byte[] profile) {
        return new SourceMetadata(exif, xmp, profile);
    }
}
