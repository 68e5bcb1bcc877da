package com.imagecogni.pipeline.codec;

import com.imagecogni.pipeline.codec.heif.Heif;
import com.imagecogni.pipeline.codec.jpeg.TurboJpeg;
import com.imagecogni.pipeline.codec.jxl.Jxl;
import com.imagecogni.pipeline.codec.webp.Libwebp;
import com.imagecogni.pipeline.model.ImageFormat;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which codec reads and writes each format on this server: the native library when it is installed, else the
 * embedded ImageIO one; for HEIC, AVIF and JPEG XL, which have no embedded codec, what to install.
 */
public final class Codecs {

    private static final String HEIF_PACKAGE = "libheif1 (Debian 12; from Debian 13 / Ubuntu 24.04 also"
            + " libheif-plugin-libde265, libheif-plugin-dav1d, libheif-plugin-aomenc)";

    /**
     * Native codecs the operator turned off ({@code imagecogni.codecs.disabled=turbojpeg,libheif,libwebp,libjxl}, or the
     * environment variable {@code IMAGECOGNI_CODECS_DISABLED}): a replica then behaves as if the library were not
     * installed, which takes a misbehaving codec out of service without a new image.
     */
    private static final Set<String> DISABLED = disabled();

    private Codecs() {
    }

    private static Set<String> disabled() {
        String value = ConfigProvider.getConfig().getOptionalValue("imagecogni.codecs.disabled", String.class).orElse("");
        Set<String> names = new HashSet<>();
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(names);
    }

    /** libjpeg-turbo's TurboJPEG API is installed: JPEG decodes with DCT scaling and encodes natively. */
    public static boolean turboJpeg() {
        return !DISABLED.contains("turbojpeg") && TurboJpeg.available();
    }

    /** The system libwebp is installed: WebP decodes (animations too) and encodes natively. */
    public static boolean libwebp() {
        return !DISABLED.contains("libwebp") && Libwebp.available();
    }

    /** libjxl is installed: JPEG XL decodes and encodes natively (there is no embedded fallback). */
    private static boolean libjxl() {
        return !DISABLED.contains("libjxl") && Jxl.available();
    }

    /** libheif is installed (which decoders and encoders it has is asked separately). */
    private static boolean libheif() {
        return !DISABLED.contains("libheif") && Heif.available();
    }

    /** Why {@code format} cannot be read here, naming what to install; empty when it can. */
    public static Optional<String> missingDecoder(ImageFormat format) {
        return switch (format) {
            case HEIC -> libheif() && Heif.decodesHevc() ? Optional.empty()
                    : Optional.of("HEIC images need libheif with its HEVC decoder on this server: install " + HEIF_PACKAGE);
            case AVIF -> libheif() && Heif.decodesAv1() ? Optional.empty()
                    : Optional.of("AVIF images need libheif with an AV1 decoder on this server: install " + HEIF_PACKAGE);
            case JXL -> libjxl() ? Optional.empty()
                    : Optional.of("JPEG XL images need libjxl on this server: install libjxl0.7 (Debian 12)");
            default -> Optional.empty();
        };
    }

    /** Why {@code format} cannot be written here, naming what to install; empty when it can. */
    public static Optional<String> missingEncoder(ImageFormat format) {
        return switch (format) {
            case AVIF -> libheif() && Heif.encodesAv1() ? Optional.empty()
                    : Optional.of("avif output needs libheif with the aom AV1 encoder on this server: install " + HEIF_PACKAGE);
            case JXL -> libjxl() ? Optional.empty()
                    : Optional.of("jxl output needs libjxl on this server: install libjxl0.7 (Debian 12)");
            default -> Optional.empty();
        };
    }

    /** Per format, what reads and writes it here ({@code /q/health} shows it). */
    public static Map<String, String> report() {
        Map<String, String> report = new LinkedHashMap<>();
        String heif = libheif() ? "libheif " + Heif.version() : null;
        for (ImageFormat format : ImageFormat.values()) {
            String decoder = missingDecoder(format).isPresent() ? "not available" : switch (format) {
                case JPEG -> turboJpeg() ? "libjpeg-turbo" : "ImageIO";
                case WEBP -> libwebp() ? "libwebp" : "webp-imageio (still images)";
                case HEIC, AVIF -> heif;
                case JXL -> "libjxl " + Jxl.version();
                default -> "ImageIO";
            };
            String encoder = !format.isWritable() ? null : missingEncoder(format).isPresent() ? "not available" : switch (format) {
                case JPEG -> turboJpeg() ? "libjpeg-turbo" : "ImageIO";
                case WEBP -> libwebp() ? "libwebp" : "webp-imageio";
                case AVIF -> heif;
                case JXL -> "libjxl " + Jxl.version();
                default -> "ImageIO";
            };
            report.put(format.name().toLowerCase(Locale.ROOT),
                    "read: " + decoder + (encoder == null ? "" : "; write: " + encoder));
        }
        return report;
    }
}
