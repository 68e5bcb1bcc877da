package com.imagecogni.pipeline.codec.webp;

import com.imagecogni.pipeline.encode.EncodeOptions;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A validated WebPConfig built from the service's EncodeOptions. */
final class WebpConfig {

    /** WebPPreset WEBP_PRESET_DEFAULT: what cwebp and libvips use unless told otherwise. */
    private static final int PRESET_DEFAULT = 0;
    /** cwebp's and libvips' default method, the middle of libwebp's speed/size trade-off. */
    static final int DEFAULT_METHOD = 4;
    /** WebPConfigLosslessPreset level 6 = method 4, quality 75: cwebp -lossless defaults. */
    static final int DEFAULT_LOSSLESS_LEVEL = 6;

    private WebpConfig() {
    }

    /**
     * Lossy: {@code quality} and effort 0..9 mapped onto method 0..6. Lossless: effort 0..9 is libwebp's own lossless
     * preset level 0..9 (it sets method 0..6 and the lossless search effort together), and quality is not used.
     */
    static MemorySegment of(Arena arena, EncodeOptions options) throws Throwable {
        MemorySegment config = arena.allocate(WebpStructs.CONFIG);
        float quality = options.lossless() ? 75f : options.quality();
        if ((int) Libwebp.CONFIG_INIT_INTERNAL.invokeExact(config, PRESET_DEFAULT, quality,
                Libwebp.ENCODER_ABI_VERSION) == 0) {
            throw WebpPicture.failed("WebPConfigInit refused ABI version 0x20f: the installed libwebp is incompatible");
        }
        if (options.lossless()) {
            int level = options.effortOn(0, 9, DEFAULT_LOSSLESS_LEVEL);
            if ((int) Libwebp.CONFIG_LOSSLESS_PRESET.invokeExact(config, level) == 0) {
                throw WebpPicture.failed("WebPConfigLosslessPreset refused level " + level);
            }
        } else {
            WebpStructs.CONFIG_METHOD.set(config, 0L, options.effortOn(0, 6, DEFAULT_METHOD));
        }
        // one helper thread (alpha plane and analysis in parallel), as cwebp -mt; the pipeline already runs
        // one encode per core, so more would only compete
        WebpStructs.CONFIG_THREAD_LEVEL.set(config, 0L, 1);
        if ((int) Libwebp.VALIDATE_CONFIG.invokeExact(config) == 0) {
            throw WebpPicture.failed("WebPValidateConfig refused the configuration: "
                    + Libwebp.encodingErrorName(4));
        }
        return config;
    }
}
