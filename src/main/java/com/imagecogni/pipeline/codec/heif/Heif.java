package com.imagecogni.pipeline.codec.heif;

/** Whether libheif and its codecs are installed; every answer is false (never an exception) without libheif. */
public final class Heif {

    private Heif() {
    }

    /** libheif.so.1 is loaded and has every function the binding uses. */
    public static boolean available() {
        return HeifBinding.available();
    }

    /** libheif's version string ("1.15.1"), or empty when unavailable. */
    public static String version() {
        return available() ? HeifBinding.version() : "";
    }

    /** HEIC (HEVC) files can be decoded: libheif has an HEVC decoder (libde265). */
    public static boolean decodesHevc() {
        return available() && HeifBinding.haveDecoderFor(HeifBinding.COMPRESSION_HEVC);
    }

    /** AVIF (AV1) files can be decoded: libheif has an AV1 decoder (dav1d or aom). */
    public static boolean decodesAv1() {
        return available() && HeifBinding.haveDecoderFor(HeifBinding.COMPRESSION_AV1);
    }

    /** AVIF files can be written: libheif has an AV1 encoder (aom). */
    public static boolean encodesAv1() {
        return available() && HeifBinding.haveEncoderFor(HeifBinding.COMPRESSION_AV1);
    }
}
