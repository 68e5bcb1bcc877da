package com.imagecogni.pipeline;

import com.imagecogni.pipeline.model.ImageFormat;

/** One encoded result: its variant folder, format, bytes and pixel size. */
public record Output(String variant, ImageFormat format, byte[] bytes, int width, int height) {

    /** File extension for the entry name: jpg, png, webp or gif. */
    public String extension() {
        return format.extension();
    }
}
