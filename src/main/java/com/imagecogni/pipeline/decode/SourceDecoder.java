package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.NativeCallRecorder;
import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.codec.heif.DecodedHeif;
import com.imagecogni.pipeline.codec.heif.HeifDecoder;
import com.imagecogni.pipeline.codec.jpeg.JpegSegments;
import com.imagecogni.pipeline.codec.jpeg.ScaledJpeg;
import com.imagecogni.pipeline.codec.jpeg.TurboJpegDecoder;
import com.imagecogni.pipeline.codec.jxl.DecodedJxl;
import com.imagecogni.pipeline.codec.jxl.JxlDecoder;
import com.imagecogni.pipeline.codec.webp.LibwebpAnimationDecoder;
import com.imagecogni.pipeline.codec.webp.LibwebpDecoder;
import com.imagecogni.pipeline.codec.webp.WebpMetadata;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.Parallel;
import com.imagecogni.pipeline.image.Transforms;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.op.Rendition;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The decode guard: sniff the format from magic bytes, check the header against the limits, decode the first frame
 * with the native codec when it is installed (libjpeg-turbo, libheif, libwebp) or the embedded ImageIO one otherwise,
 * bring it to sRGB (or keep its profile) and apply the orientation. An animated WebP or GIF whose outputs may be
 * animated is decoded frame by frame (libwebp's animation decoder, Scrimage's GIF reader). Every refusal is an
 * {@link InputRejectedException}.
 */
public final class SourceDecoder {

    private final DecodeLimits limits;
    private final Parallel parallel;

    /** @param parallel where decoded byte rasters are repacked into the pipeline's int layout: the runtime's helpers */
    public SourceDecoder(DecodeLimits limits, Parallel parallel) {
        this.limits = limits;
        this.parallel = parallel;
    }

    /**
     * Reads and checks the header only (format, every size the decoder allocates from, frames, JPEG scans,
     * orientation). HEIC and AVIF are parsed by libheif itself, so they need it installed even to be probed.
     */
    public ImageHeader probe(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InputRejectedException(FailureReason.EMPTY_INPUT, "the file is empty");
        }
        ImageFormat format = FormatSniffer.detect(bytes).orElseThrow(() -> new InputRejectedException(
                FailureReason.UNSUPPORTED_FORMAT, "not a JPEG, PNG, GIF, WebP, BMP, TIFF, HEIC or AVIF image"));
        return HeaderReader.read(format, bytes, limits);
    }

    /** The whole image in sRGB, metadata not kept. */
    public DecodedImage decode(byte[] bytes) {
        return decode(bytes, List.of(), NativeCallRecorder.NONE);
    }

    /**
     * Decodes for {@code operations}: as small as their first resize allows (JPEG DCT scaling), with the source's
     * profile and metadata kept when they ask for it; {@code nativeCalls} hears of each native decode.
     */
    public DecodedImage decode(byte[] bytes, List<OperationSpec> operations, NativeCallRecorder nativeCalls) {
        // HEIF and JPEG XL headers are parsed by libheif and libjxl: header and pixels are one native section, marked
        // once, so a crash anywhere in it is recorded
        boolean nativeParse = bytes != null && FormatSniffer.detect(bytes)
                .filter(f -> f == ImageFormat.HEIC || f == ImageFormat.AVIF || f == ImageFormat.JXL).isPresent();
        return nativeParse ? natively(nativeCalls, () -> decodeChecked(bytes, operations, NativeCallRecorder.NONE))
                : decodeChecked(bytes, operations, nativeCalls);
    }

    private DecodedImage decodeChecked(byte[] bytes, List<OperationSpec> operations, NativeCallRecorder nativeCalls) {
        ImageHeader header = probe(bytes);
        DecodeIntent intent = DecodeIntent.of(operations);
        return switch (header.format()) {
            case HEIC, AVIF -> heif(bytes, header, intent, nativeCalls);
            case JXL -> jxl(bytes, header, intent, nativeCalls);
            case JPEG -> jpeg(bytes, header, operations, intent, nativeCalls);
            case WEBP -> webp(bytes, header, intent, nativeCalls);
            case GIF -> header.frames() > 1 && intent.keepsAnimation(ImageFormat.GIF) ? animatedGif(bytes, header)
                    : imageIo(bytes, header, intent, SourceMetadata.NONE);
            default -> imageIo(bytes, header, intent, SourceMetadata.NONE);
        };
    }

    private DecodedImage heif(byte[] bytes, ImageHeader header, DecodeIntent intent, NativeCallRecorder calls) {
        DecodedHeif decoded = natively(calls, () -> new HeifDecoder(limits).decode(bytes));
        requireHeaderSize(decoded.image(), header.width(), header.height());
        SourceMetadata metadata = decoded.metadata();
        ColorNormalizer.Tagged pixels = ColorNormalizer.fromProfile(Images.normalise(decoded.image(), parallel),
                metadata.icc(), intent.keepProfile());
        return new DecodedImage(pixels.image(), header.format(), header, pixels.profile(), metadata, null);
    }

    /** libjxl applies the orientation and gives sRGB values, or the values of the profile it returns with them. */
    private DecodedImage jxl(byte[] bytes, ImageHeader header, DecodeIntent intent, NativeCallRecorder calls) {
        DecodedJxl decoded = natively(calls, () -> new JxlDecoder(limits).decode(bytes));
        requireHeaderSize(decoded.image(), header.width(), header.height());
        SourceMetadata metadata = new SourceMetadata(null, null, decoded.iccProfile());
        ColorNormalizer.Tagged pixels = ColorNormalizer.fromProfile(Images.normalise(decoded.image(), parallel),
                metadata.icc(), intent.keepProfile());
        return new DecodedImage(pixels.image(), header.format(), header, pixels.profile(), metadata, null);
    }

    private DecodedImage jpeg(byte[] bytes, ImageHeader header, List<OperationSpec> operations, DecodeIntent intent,
            NativeCallRecorder calls) {
        SourceMetadata metadata = JpegSegments.read(bytes);
        if (!Codecs.turboJpeg()) {
            return imageIo(bytes, header, intent, metadata);
        }
        boolean transposed = header.orientation() >= 5;
        int uprightWidth = transposed ? header.height() : header.width();
        int uprightHeight = transposed ? header.width() : header.height();
        ShrinkOnLoad.Size minimum = ShrinkOnLoad.minimumSize(operations, uprightWidth, uprightHeight)
                .map(size -> size.stored(header.orientation()))
                .orElse(new ShrinkOnLoad.Size(Integer.MAX_VALUE, Integer.MAX_VALUE));
        Optional<ScaledJpeg> decoded = natively(calls,
                () -> TurboJpegDecoder.decode(bytes, minimum.width(), minimum.height(), limits));
        if (decoded.isEmpty()) {
            return imageIo(bytes, header, intent, metadata); // CMYK/YCCK: converted through its profile by ImageIO
        }
        ScaledJpeg jpeg = decoded.get();
        requireHeaderSize(jpeg.image(), jpeg.scale().scaled(header.width()), jpeg.scale().scaled(header.height()));
        ColorNormalizer.Tagged pixels = ColorNormalizer.fromProfile(jpeg.image(), metadata.icc(), intent.keepProfile());
        BufferedImage upright = Transforms.orient(pixels.image(), header.orientation());
        Rendition.PlanningSize planning = upright.getWidth() == uprightWidth && upright.getHeight() == uprightHeight
                ? null : new Rendition.PlanningSize(uprightWidth, uprightHeight);
        return new DecodedImage(upright, header.format(), header, pixels.profile(), metadata, planning);
    }

    private DecodedImage webp(byte[] bytes, ImageHeader header, DecodeIntent intent, NativeCallRecorder calls) {
        SourceMetadata metadata = WebpMetadata.read(bytes);
        if (!Codecs.libwebp()) {
            if (header.frames() > 1) {
                // webp-imageio wraps libwebp's still-image decoder, which answers UnsupportedFeature for animations.
                throw new InputRejectedException(FailureReason.FORMAT_NOT_AVAILABLE, "animated WebP ("
                        + header.frames() + " frames) needs the system libwebp (Debian: libwebp7 libwebpdemux2)");
            }
            return imageIo(bytes, header, intent, metadata);
        }
        if (header.frames() > 1) {
            Animation decoded = natively(calls, () -> new LibwebpAnimationDecoder(limits).decode(bytes));
            requireHeaderSize(decoded.frames().get(0), header.frameWidth(), header.frameHeight());
            boolean keep = intent.keepsAnimation(ImageFormat.WEBP);
            List<BufferedImage> frames = new ArrayList<>(decoded.frames().size());
            byte[] profile = null;
            // outputs that cannot be animated take the first frame: the others are not converted at all
            for (BufferedImage frame : keep ? decoded.frames() : decoded.frames().subList(0, 1)) {
                ColorNormalizer.Tagged pixels = ColorNormalizer.fromProfile(Images.normalise(frame, parallel),
                        metadata.icc(), intent.keepProfile());
                frames.add(Transforms.orient(pixels.image(), header.orientation()));
                profile = pixels.profile();
            }
            Animation animation = keep ? new Animation(frames, decoded.durationsMillis(), decoded.loopCount()) : null;
            return new DecodedImage(frames.get(0), header.format(), header, profile, metadata, null, animation);
        }
        BufferedImage raw = natively(calls, () -> new LibwebpDecoder(limits).decode(bytes));
        requireHeaderSize(raw, header.frameWidth(), header.frameHeight());
        ColorNormalizer.Tagged pixels = ColorNormalizer.fromProfile(Images.normalise(raw, parallel),
                metadata.icc(), intent.keepProfile());
        return new DecodedImage(Transforms.orient(pixels.image(), header.orientation()), header.format(), header,
                pixels.profile(), metadata, null);
    }

    /**
     * Every frame, composited on the header's canvas (the logical screen grown to every frame), for outputs that keep
     * the animation; GIF palettes are sRGB and carry no profile or metadata read here. A still GIF, or one whose
     * outputs cannot animate, is read as its first frame at its own size by ImageIO.
     */
    private DecodedImage animatedGif(byte[] bytes, ImageHeader header) {
        Animation animation = GifAnimationDecoder.decode(bytes, header, parallel);
        for (BufferedImage frame : animation.frames()) {
            requireHeaderSize(frame, header.width(), header.height());
        }
        return new DecodedImage(animation.frames().get(0), header.format(), header, null, SourceMetadata.NONE, null,
                animation);
    }

    private DecodedImage imageIo(byte[] bytes, ImageHeader header, DecodeIntent intent, SourceMetadata known) {
        BufferedImage raw = ImageIoDecoding.readFirstFrame(header, bytes);
        requireHeaderSize(raw, header.frameWidth(), header.frameHeight());
        SourceMetadata metadata = header.format() == ImageFormat.PNG ? PngMetadataReader.read(bytes) : known;
        java.awt.color.ColorSpace space = raw.getColorModel().getColorSpace();
        if (space.isCS_sRGB() && metadata.icc() != null) {
            // the reader left the profile unapplied (the JDK's PNG reader ignores iCCP): apply or keep it here
            ColorNormalizer.Tagged pixels = ColorNormalizer.fromProfile(Images.normalise(raw, parallel),
                    metadata.icc(), intent.keepProfile());
            return new DecodedImage(Transforms.orient(pixels.image(), header.orientation()), header.format(), header,
                    pixels.profile(), metadata, null);
        }
        Optional<byte[]> kept = intent.keepProfile() ? ColorNormalizer.keepableProfile(raw) : Optional.empty();
        BufferedImage pixels = kept.isPresent() ? ColorNormalizer.rawSamples(raw)
                : ColorNormalizer.toSrgb(raw, parallel);
        if (metadata.icc() == null && space instanceof java.awt.color.ICC_ColorSpace icc && !icc.isCS_sRGB()) {
            metadata = metadata.withIcc(icc.getProfile().getData()); // TIFF/BMP profiles, known only to the reader
        }
        return new DecodedImage(Transforms.orient(pixels, header.orientation()), header.format(), header,
                kept.orElse(null), metadata, null);
    }

    /** Runs a native decode with the crash record around it. */
    private static <T> T natively(NativeCallRecorder calls, Supplier<T> decode) {
        calls.entering();
        try {
            return decode.get();
        } finally {
            calls.left();
        }
    }

    /** The header is the authority: a decoder that saw another size read something the parse did not check. */
    private static void requireHeaderSize(BufferedImage image, int width, int height) {
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new InputRejectedException(FailureReason.CORRUPT_IMAGE, "decoded size " + image.getWidth() + "x"
                    + image.getHeight() + " does not match the header " + width + "x" + height);
        }
    }
}
