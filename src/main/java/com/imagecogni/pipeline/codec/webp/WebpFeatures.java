package com.imagecogni.pipeline.codec.webp;

/** What libwebp's WebPGetFeatures reads from a WebP header: canvas size, alpha, animation. */
public record WebpFeatures(int width, int height, boolean hasAlpha, boolean hasAnimation) {
}
