package com.imagecogni.pipeline.codec.heif;

/** The codec of a HEIF file's primary image: HEVC makes it a HEIC, AV1 an AVIF. */
public enum HeifCompression {
    HEVC,
    AV1,
    /** Another codec (JPEG, AVC, VVC...) or brands that do not say. */
    OTHER
}
