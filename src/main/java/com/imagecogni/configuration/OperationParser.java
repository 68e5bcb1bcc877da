package com.imagecogni.configuration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.imagecogni.common.Problem;
import com.imagecogni.pipeline.model.BlendMode;
import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.model.CropSpec;
import com.imagecogni.pipeline.model.FilterSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.FlipSpec;
import com.imagecogni.pipeline.model.Gravity;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.RotateSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import com.imagecogni.pipeline.model.TrimSpec;
import com.imagecogni.pipeline.model.WatermarkSpec;

/**
 * Turns the {@code operations} array of a configuration into pipeline specs, collecting every
 * bad field with its JSON path. The pipeline's own constructors make the final range checks.
 */
public final class OperationParser {

    /** Largest decoded watermark image accepted inside a configuration. */
    static final int MAX_WATERMARK_BYTES = 512 * 1024;
    private static final int MAX_OPERATIONS = OperationSpec.MAX_PER_CONFIGURATION;

    /**
     * The fields each operation type accepts, by type in the order of the API document's {@code Operation} oneOf: an
     * operation with any other field is refused. ApiDocumentMatchesCodeTest holds the document's operation schemas to
     * exactly these.
     */
    static final Map<String, List<String>> FIELDS = ordered(
            Map.entry("resize", List.of("type", "sizes", "fit", "upscale", "background")),
            Map.entry("crop", List.of("type", "x", "y", "width", "height", "aspectRatio", "gravity")),
            Map.entry("trim", List.of("type", "threshold")),
            Map.entry("rotate", List.of("type", "degrees")),
            Map.entry("flip", List.of("type", "direction")),
            Map.entry("convert", List.of("type", "formats", "colorProfile")),
            Map.entry("compress", List.of("type", "quality", "progressive", "stripMetadata", "lossless", "effort", "keepGps")),
            Map.entry("watermark", List.of("type", "text", "image", "position", "opacity", "margin", "textSize", "textColor", "mode")),
            Map.entry("filter", List.of("type", "filter", "amount", "color")));
    /** The fields one size of a resize accepts. */
    static final List<String> SIZE_FIELDS = List.of("width", "height", "percent", "template", "name", "fit");

    private final int maxSizesPerResize;
    private final List<Problem.FieldError> errors;

    /** @param maxSizesPerResize the plan's limit, never above the pipeline's 20 */
    public OperationParser(int maxSizesPerResize, List<Problem.FieldError> errors) {
        this.maxSizesPerResize = Math.min(maxSizesPerResize, ResizeSpec.MAX_SIZES);
        this.errors = errors;
    }

    /** Parses {@code operations} found at {@code path}; returns the specs of the valid operations. */
    public List<OperationSpec> parse(FieldReader parent, String field) {
        List<OperationSpec> specs = new ArrayList<>();
        List<JsonNode> items = parent.array(field, 1, MAX_OPERATIONS);
        for (int i = 0; i < items.size(); i++) {
            FieldReader op = FieldReader.of(items.get(i), parent.path(field) + "[" + i + "]", errors);
            if (op == null) {
                continue;
            }
            String type = op.string("type", true, 20);
            if (type == null) {
                continue;
            }
            OperationSpec spec = switch (type) {
                case "resize" -> resize(op);
                case "crop" -> crop(op);
                case "trim" -> trim(op);
                case "rotate" -> rotate(op);
                case "flip" -> flip(op);
                case "convert" -> convert(op);
                case "compress" -> compress(op);
                case "watermark" -> watermark(op);
                case "filter" -> filter(op);
                default -> {
                    op.error("type", "must be one of " + String.join(", ", FIELDS.keySet()));
                    yield null;
                }
            };
            if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    private ResizeSpec resize(FieldReader op) {
        op.rejectUnknown(fields("resize"));
        Fit fit = choice(op, "fit", Fit::parse, "contain, cover, fill, pad");
        Boolean upscale = op.bool("upscale");
        String background = op.string("background", false, 32);
        List<JsonNode> items = op.array("sizes", 1, maxSizesPerResize);
        List<SizeSpec> sizes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            FieldReader size = FieldReader.of(items.get(i), op.path("sizes") + "[" + i + "]", errors);
            if (size != null) {
                SizeSpec spec = size(size);
                if (spec != null) {
                    sizes.add(spec);
                }
            }
        }
        if (sizes.size() != items.size() || sizes.isEmpty()) {
            return null;
        }
        return build(op, () -> new ResizeSpec(sizes, fit == null ? Fit.CONTAIN : fit, Boolean.TRUE.equals(upscale), background));
    }

    private SizeSpec size(FieldReader size) {
        size.rejectUnknown(Set.copyOf(SIZE_FIELDS));
        int before = errors.size();
        Integer width = size.integer("width", false, 1, SizeSpec.MAX_EDGE);
        Integer height = size.integer("height", false, 1, SizeSpec.MAX_EDGE);
        Integer percent = size.integer("percent", false, 1, SizeSpec.MAX_PERCENT);
        String template = size.string("template", false, 64);
        String name = size.string("name", false, 64);
        Fit fit = choice(size, "fit", Fit::parse, "contain, cover, fill, pad");
        if (errors.size() > before) {
            return null;
        }
        return build(size, () -> new SizeSpec(width, height, percent, template, name, fit));
    }

    private CropSpec crop(FieldReader op) {
        op.rejectUnknown(fields("crop"));
        int before = errors.size();
        Integer x = op.integer("x", false, 0, CropSpec.MAX_COORDINATE);
        Integer y = op.integer("y", false, 0, CropSpec.MAX_COORDINATE);
        Integer width = op.integer("width", false, 1, CropSpec.MAX_COORDINATE);
        Integer height = op.integer("height", false, 1, CropSpec.MAX_COORDINATE);
        String ratio = op.string("aspectRatio", false, 16);
        Gravity gravity = choice(op, "gravity", Gravity::parse,
                "center, north, south, east, west, northeast, northwest, southeast, southwest, smart");
        return errors.size() > before ? null : build(op, () -> new CropSpec(x, y, width, height, ratio, gravity));
    }

    private RotateSpec rotate(FieldReader op) {
        op.rejectUnknown(fields("rotate"));
        Integer degrees = op.integer("degrees", true, -360, 360);
        if (degrees != null && degrees != 90 && degrees != 180 && degrees != 270) {
            op.error("degrees", "must be 90, 180 or 270");
            return null;
        }
        return degrees == null ? null : new RotateSpec(degrees);
    }

    private FlipSpec flip(FieldReader op) {
        op.rejectUnknown(fields("flip"));
        if (!op.has("direction")) {
            op.error("direction", "is required");
            return null;
        }
        FlipSpec.Direction direction = choice(op, "direction", FlipSpec.Direction::parse, "horizontal, vertical");
        return direction == null ? null : new FlipSpec(direction);
    }

    private ConvertSpec convert(FieldReader op) {
        op.rejectUnknown(fields("convert"));
        int before = errors.size();
        ConvertSpec.ColorProfile profile = op.has("colorProfile")
                ? choice(op, "colorProfile", ConvertSpec.ColorProfile::parse, "srgb, keep")
                : ConvertSpec.ColorProfile.SRGB;
        List<JsonNode> items = op.array("formats", 1, ConvertSpec.MAX_FORMATS);
        List<ImageFormat> formats = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            var format = item.isTextual() ? ImageFormat.parseOutput(item.asText()) : java.util.Optional.<ImageFormat>empty();
            if (format.isEmpty()) {
                op.error("formats[" + i + "]", "must be one of jpeg, png, webp, gif, avif, jxl");
            } else if (Codecs.missingEncoder(format.get()).isPresent()) {
                op.error("formats[" + i + "]", Codecs.missingEncoder(format.get()).get());
            } else if (formats.contains(format.get())) {
                op.error("formats[" + i + "]", "repeats " + item.asText());
            } else {
                formats.add(format.get());
            }
        }
        return errors.size() > before || formats.size() != items.size() || formats.isEmpty() ? null
                : build(op, () -> new ConvertSpec(formats, profile));
    }

    private CompressSpec compress(FieldReader op) {
        op.rejectUnknown(fields("compress"));
        int before = errors.size();
        Integer quality = op.integer("quality", false, 1, 100);
        Boolean progressive = op.bool("progressive");
        Boolean strip = op.bool("stripMetadata");
        Boolean lossless = op.bool("lossless");
        Integer effort = op.integer("effort", false, 0, CompressSpec.MAX_EFFORT);
        Boolean keepGps = op.bool("keepGps");
        if (Boolean.TRUE.equals(keepGps) && (strip == null || strip)) {
            // accepting it would promise GPS that stripping removes: no setting may be accepted and ignored
            op.error("keepGps", "needs stripMetadata: false (stripped metadata has no GPS to keep)");
        }
        return errors.size() > before ? null
                : new CompressSpec(quality == null ? CompressSpec.DEFAULT_QUALITY : quality, Boolean.TRUE.equals(progressive),
                        strip == null || strip, Boolean.TRUE.equals(lossless),
                        effort == null ? CompressSpec.FORMAT_DEFAULT_EFFORT : effort, Boolean.TRUE.equals(keepGps));
    }

    private WatermarkSpec watermark(FieldReader op) {
        op.rejectUnknown(fields("watermark"));
        int before = errors.size();
        String text = op.string("text", false, WatermarkSpec.MAX_TEXT_LENGTH);
        String image = op.string("image", false, MAX_WATERMARK_BYTES * 4 / 3 + 4);
        Gravity position = choice(op, "position", Gravity::parse,
                "center, north, south, east, west, northeast, northwest, southeast, southwest");
        Double opacity = op.number("opacity", 0, 1);
        Integer margin = op.integer("margin", false, 0, WatermarkSpec.MAX_MARGIN);
        Integer textSize = op.integer("textSize", false, 1, WatermarkSpec.MAX_TEXT_SIZE);
        String color = op.string("textColor", false, 32);
        BlendMode mode = choice(op, "mode", BlendMode::parse, names(BlendMode.values(), BlendMode::jsonName));
        byte[] imageBytes = null;
        if (image != null) {
            try {
                imageBytes = Base64.getDecoder().decode(image.replaceFirst("^data:[^,]*,", ""));
            } catch (IllegalArgumentException e) {
                op.error("image", "must be base64 image bytes (PNG with transparency works best)");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        byte[] bytes = imageBytes;
        return build(op, () -> new WatermarkSpec(text, bytes, position, opacity == null ? WatermarkSpec.DEFAULT_OPACITY : opacity,
                margin == null ? WatermarkSpec.DEFAULT_MARGIN : margin,
                textSize == null ? WatermarkSpec.DEFAULT_TEXT_SIZE : textSize, color, mode));
    }

    private FilterSpec filter(FieldReader op) {
        op.rejectUnknown(fields("filter"));
        String kinds = names(FilterSpec.Kind.values(), FilterSpec.Kind::jsonName);
        if (!op.has("filter")) {
            op.error("filter", "is required: one of " + kinds);
            return null;
        }
        FilterSpec.Kind kind = choice(op, "filter", FilterSpec.Kind::parse, kinds);
        Double amount = op.number("amount", -1_000_000, 1_000_000);
        String color = op.string("color", false, 32);
        if (kind == null) {
            return null;
        }
        return build(op, () -> new FilterSpec(kind, amount == null ? kind.defaultAmount() : amount, color));
    }

    private TrimSpec trim(FieldReader op) {
        op.rejectUnknown(fields("trim"));
        int before = errors.size();
        Integer threshold = op.integer("threshold", false, 0, 255);
        return errors.size() > before ? null
                : new TrimSpec(threshold == null ? TrimSpec.DEFAULT_THRESHOLD : threshold);
    }

    private static Set<String> fields(String type) {
        return Set.copyOf(FIELDS.get(type));
    }

    @SafeVarargs
    private static Map<String, List<String>> ordered(Map.Entry<String, List<String>>... entries) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(map);
    }

    /** The configuration names of an enum's values, for "must be one of" messages. */
    private static <E> String names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.joining(", "));
    }

    private <T> T choice(FieldReader op, String field, Function<String, T> parse, String allowed) {
        String value = op.string(field, false, 32);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            op.error(field, "must be one of " + allowed);
            return null;
        }
    }

    /** Runs a pipeline constructor, turning its refusal into an error at the object's path. */
    private <T> T build(FieldReader at, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            at.error(null, e.getMessage());
            return null;
        }
    }

    /** The operation types a list of specs uses, for plan checks. */
    public static List<String> types(List<OperationSpec> specs) {
        return specs.stream().map(OperationSpec::type).distinct().toList();
    }
}
