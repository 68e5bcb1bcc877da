package com.imagecogni.ops;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import com.imagecogni.pipeline.model.BlendMode;
import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.CropSpec;
import com.imagecogni.pipeline.model.FilterSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.FlipSpec;
import com.imagecogni.pipeline.model.Gravity;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import com.imagecogni.pipeline.model.Template;
import com.imagecogni.pipeline.model.Templates;
import com.imagecogni.pipeline.model.TrimSpec;
import com.imagecogni.pipeline.model.WatermarkSpec;

/**
 * Documents what a configuration's {@code operations} may hold: an {@code Operation} schema, one of
 * {@code ResizeOperation}, {@code CropOperation}, {@code TrimOperation}, ... chosen by {@code type}, each parameter
 * with its type, choices, range, default and meaning, the items of a configuration's {@code operations} (the request
 * schemas and {@code ConfigurationView}'s property are configuration's ConfigurationSchemas'). The choices, ranges and meanings are read from the pipeline's own enums and constants
 * ({@link FilterSpec.Kind}, {@link BlendMode}, {@link Gravity}, {@link Fit}, {@link ImageFormat}, ...), so the document
 * follows the code. The dashboard's editor reads the filters (ranges, defaults, meanings) and blend modes from here.
 */
public class OperationSchemasFilter implements OASFilter {

    static final String SCHEMAS = "#/components/schemas/";

    /** The operation types in the order of the {@code Operation} oneOf, with their component names. */
    static final Map<String, String> OPERATIONS = ordered("resize", "ResizeOperation", "crop", "CropOperation",
            "trim", "TrimOperation", "rotate", "RotateOperation", "flip", "FlipOperation", "convert", "ConvertOperation",
            "compress", "CompressOperation", "watermark", "WatermarkOperation", "filter", "FilterOperation");

    private static final int MAX_CROP_COORDINATE = CropSpec.MAX_COORDINATE;
    private static final int MAX_WATERMARK_MARGIN = WatermarkSpec.MAX_MARGIN;
    private static final int MAX_WATERMARK_TEXT_SIZE = WatermarkSpec.MAX_TEXT_SIZE;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        schemas().forEach(components::addSchema);
    }

    /** Every component this filter adds, by name, in a stable order. */
    static Map<String, Schema> schemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        Schema operation = OASFactory.createSchema()
                .description("One step of a configuration, chosen by `type`: " + String.join(", ", OPERATIONS.keySet()) + ".")
                .discriminator(OASFactory.createDiscriminator().propertyName("type").mapping(OPERATIONS.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> SCHEMAS + e.getValue(), (a, b) -> a,
                                LinkedHashMap::new))));
        OPERATIONS.values().forEach(name -> operation.addOneOf(ref(name)));
        schemas.put("Operation", operation);
        schemas.put("ResizeOperation", resize());
        schemas.put("Size", size());
        schemas.put("CropOperation", crop());
        schemas.put("TrimOperation", operation("trim", "Remove a uniform border: edge rows and columns whose every pixel"
                + " is within `threshold` (per channel, alpha included) of the top-left pixel's colour. An image that is"
                + " uniform all over is left as it is.")
                .addProperty("threshold", integer("How far (0..255 per channel) a border pixel may be from the corner's"
                        + " colour and still be trimmed; 0 trims only an exact colour.", 0, 255)
                        .defaultValue(TrimSpec.DEFAULT_THRESHOLD)));
        schemas.put("RotateOperation", operation("rotate", "Rotate clockwise (the EXIF orientation is already applied when"
                + " the source is read).")
                .addProperty("degrees", OASFactory.createSchema().addType(SchemaType.INTEGER).description("Clockwise.")
                        .enumeration(List.of(90, 180, 270)))
                .addRequired("degrees"));
        schemas.put("FlipOperation", operation("flip", "Mirror the image: horizontal swaps left and right, vertical swaps"
                + " top and bottom.")
                .addProperty("direction", choice("The mirror axis.", FlipSpec.Direction.values(), OperationSchemasFilter::lower))
                .addRequired("direction"));
        schemas.put("ConvertOperation", convert());
        schemas.put("OutputFormat", outputFormat());
        schemas.put("CompressOperation", compress());
        schemas.put("WatermarkOperation", watermark());
        schemas.putAll(filters());
        return schemas;
    }

    private static Schema resize() {
        return operation("resize", "Resize to 1.." + ResizeSpec.MAX_SIZES + " sizes (the plan may allow fewer); each size"
                + " becomes its own output, in its own folder.")
                .addProperty("sizes", OASFactory.createSchema().addType(SchemaType.ARRAY).minItems(1)
                        .maxItems(ResizeSpec.MAX_SIZES).items(ref("Size"))
                        .description("The sizes; each one is an output (and costs a credit per source)."))
                .addProperty("fit", choice(fitDescription(), Fit.values(), Fit::jsonName).defaultValue(Fit.CONTAIN.jsonName()))
                .addProperty("upscale", bool("Enlarge images smaller than the size (otherwise they keep their size).", false))
                .addProperty("background", color("The padding colour of fit `pad`; without it the padding is transparent"
                        + " (white in JPEG)."))
                .addRequired("sizes");
    }

    private static Schema size() {
        return object("One size of a resize: exactly one of width and/or height, percent or template.")
                .addProperty("width", integer("Width in pixels; with only a width the height follows the aspect ratio.",
                        1, SizeSpec.MAX_EDGE))
                .addProperty("height", integer("Height in pixels; with only a height the width follows the aspect ratio.",
                        1, SizeSpec.MAX_EDGE))
                .addProperty("percent", integer("A percentage of the source's size.", 1, SizeSpec.MAX_PERCENT))
                .addProperty("template", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("A named platform size (GET /api/v1/templates): " + Templates.all().stream()
                                .map(t -> t.name() + " " + t.width() + "x" + t.height()).collect(Collectors.joining(", ")) + ".")
                        .enumeration(Templates.all().stream().map(Template::name).map(Object.class::cast).toList()))
                .addProperty("name", string("The output folder's name; by default 800x600, 800w, 600h, 50pct or the"
                        + " template's name.").minLength(1).maxLength(64))
                .addProperty("fit", choice("Overrides the resize's fit for this size.", Fit.values(), Fit::jsonName))
                .minProperties(1);
    }

    private static Schema crop() {
        return operation("crop", "Crop either to a pixel box (x, y, width and height together) or to the largest region"
                + " of an aspect ratio placed by a gravity.")
                .addProperty("x", integer("Left edge of the box in pixels.", 0, MAX_CROP_COORDINATE))
                .addProperty("y", integer("Top edge of the box in pixels.", 0, MAX_CROP_COORDINATE))
                .addProperty("width", integer("Width of the box in pixels.", 1, MAX_CROP_COORDINATE))
                .addProperty("height", integer("Height of the box in pixels.", 1, MAX_CROP_COORDINATE))
                .addProperty("aspectRatio", string("width:height, between 1:100 and 100:1, such as 16:9 or 1:1.")
                        .pattern("^\\s*[0-9]+(\\.[0-9]+)?\\s*:\\s*[0-9]+(\\.[0-9]+)?\\s*$").maxLength(16).example("16:9"))
                .addProperty("gravity", choice("Which part an aspectRatio crop keeps; `smart` keeps the busiest region."
                        + " Only with aspectRatio.", Gravity.values(), OperationSchemasFilter::lower)
                        .defaultValue(lower(Gravity.CENTER)));
    }

    /**
     * A named enum rather than one inline in {@code formats}: generated clients get an {@code OutputFormat} type (and
     * openapi-generator's Java client does not compile a set of an inline enum).
     */
    private static Schema outputFormat() {
        List<Object> formats = Arrays.stream(ImageFormat.values()).filter(ImageFormat::isWritable)
                .map(OperationSchemasFilter::lower).map(Object.class::cast).toList();
        return OASFactory.createSchema().addType(SchemaType.STRING).description("An output format.").enumeration(formats);
    }

    private static Schema convert() {
        return operation("convert", "Choose the output format(s); several formats fan out, one output per format.")
                .addProperty("formats", OASFactory.createSchema().addType(SchemaType.ARRAY).minItems(1)
                        .maxItems(ConvertSpec.MAX_FORMATS).uniqueItems(true)
                        .description("Output formats, without repeats (`jpg` is accepted for jpeg). A format whose codec"
                                + " library this server lacks is refused with the reason.")
                        .items(ref("OutputFormat")))
                .addProperty("colorProfile", choice("`srgb` converts the pixels to sRGB; `keep` keeps the source's ICC"
                        + " profile with the pixels (Display P3 stays P3).", ConvertSpec.ColorProfile.values(),
                        OperationSchemasFilter::lower).defaultValue(lower(ConvertSpec.ColorProfile.SRGB)))
                .addRequired("formats");
    }

    private static Schema compress() {
        return operation("compress", "Encoder settings for the outputs.")
                .addProperty("quality", integer("Lossy quality.", 1, 100).defaultValue(CompressSpec.DEFAULT_QUALITY))
                .addProperty("progressive", bool("Progressive JPEG.", false))
                .addProperty("stripMetadata", bool("Strip metadata (EXIF, XMP, comments).", true))
                .addProperty("lossless", bool("Lossless WebP, AVIF or JPEG XL.", false))
                .addProperty("effort", integer("Encoder effort: slower and smaller as it grows; absent for each format's"
                        + " default.", 0, CompressSpec.MAX_EFFORT))
                .addProperty("keepGps", bool("Keep the EXIF GPS block; needs stripMetadata false.", false));
    }

    private static Schema watermark() {
        List<Gravity> positions = Arrays.stream(Gravity.values()).filter(g -> g != Gravity.SMART).toList();
        return operation("watermark", "Overlay a text or an image (exactly one of them) at a position. Text uses"
                + " textSize pixels in the font shipped with the service; an image is drawn at its own size, shrunk if"
                + " it does not fit inside the margins.")
                .addProperty("text", string("The text.").maxLength(WatermarkSpec.MAX_TEXT_LENGTH))
                .addProperty("image", string("The image's bytes in base64 (a data: URL prefix is accepted); PNG with"
                        + " transparency works best.").contentEncoding("base64"))
                .addProperty("position", choice("Where it is anchored.", positions.toArray(Gravity[]::new),
                        OperationSchemasFilter::lower).defaultValue(lower(Gravity.SOUTHEAST)))
                .addProperty("opacity", number("0 = invisible, 1 = opaque.", 0, 1).defaultValue(BigDecimal.valueOf(WatermarkSpec.DEFAULT_OPACITY)))
                .addProperty("margin", integer("Distance from the edges in pixels.", 0, MAX_WATERMARK_MARGIN).defaultValue(WatermarkSpec.DEFAULT_MARGIN))
                .addProperty("textSize", integer("Text height in pixels.", 1, MAX_WATERMARK_TEXT_SIZE).defaultValue(WatermarkSpec.DEFAULT_TEXT_SIZE))
                .addProperty("textColor", color("The text's colour.").defaultValue("#ffffff"))
                .addProperty("mode", choice("How the watermark's colours combine with the image under it.",
                        BlendMode.values(), BlendMode::jsonName).defaultValue(BlendMode.NORMAL.jsonName()));
    }

    /** {@code FilterOperation}: one of a schema per filter kind, each with its own amount range, default and meaning. */
    private static Map<String, Schema> filters() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        Schema filter = OASFactory.createSchema().description("A pixel filter chosen by `filter`, with an `amount` whose"
                + " range, default and meaning depend on the filter: " + Arrays.stream(FilterSpec.Kind.values())
                        .map(k -> k.jsonName() + " " + plain(k.min()) + ".." + plain(k.max()))
                        .collect(Collectors.joining(", ")) + ".");
        Map<String, String> mapping = new LinkedHashMap<>();
        for (FilterSpec.Kind kind : FilterSpec.Kind.values()) {
            String name = filterComponent(kind);
            mapping.put(kind.jsonName(), SCHEMAS + name);
            filter.addOneOf(ref(name));
            Schema variant = operation("filter", "The " + kind.jsonName() + " filter.")
                    .addProperty("filter", OASFactory.createSchema().addType(SchemaType.STRING).constValue(kind.jsonName())
                            .enumeration(List.of(kind.jsonName())))
                    .addProperty("amount", number(kind.meaning() + ".", kind.min(), kind.max())
                            .defaultValue(decimal(kind.defaultAmount())))
                    .addRequired("filter");
            if (kind == FilterSpec.Kind.BORDER) {
                variant.addProperty("color", color("The border's colour.").defaultValue(FilterSpec.DEFAULT_BORDER_COLOR));
            }
            schemas.put(name, variant);
        }
        filter.discriminator(OASFactory.createDiscriminator().propertyName("filter").mapping(mapping));
        Map<String, Schema> all = new LinkedHashMap<>();
        all.put("FilterOperation", filter);
        all.putAll(schemas);
        return all;
    }

    /** {@code rounded-corners} → {@code RoundedCornersFilter}. */
    static String filterComponent(FilterSpec.Kind kind) {
        return Arrays.stream(kind.name().split("_"))
                .map(w -> w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT)).collect(Collectors.joining()) + "Filter";
    }

    private static String fitDescription() {
        return "How the source maps onto the size: contain fits inside (keeps the aspect ratio), cover fills and crops"
                + " the overflow around the centre, fill stretches, pad fits inside then pads with background.";
    }

    // --- small schema builders ---

    private static Schema operation(String type, String description) {
        return object(description)
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).constValue(type)
                        .enumeration(List.of(type)))
                .addRequired("type");
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description(description)
                .additionalPropertiesBoolean(Boolean.FALSE);
    }

    private static Schema ref(String component) {
        return OASFactory.createSchema().ref(SCHEMAS + component);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }

    private static Schema color(String description) {
        return string(description + " #RGB, #RRGGBB, #RRGGBBAA, white, black or transparent.")
                .pattern("^(#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|white|black|transparent)$").maxLength(32);
    }

    private static Schema bool(String description, boolean defaultValue) {
        return OASFactory.createSchema().addType(SchemaType.BOOLEAN).description(description).defaultValue(defaultValue);
    }

    private static Schema integer(String description, int min, int max) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).description(description)
                .minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max));
    }

    private static Schema number(String description, double min, double max) {
        return OASFactory.createSchema().addType(SchemaType.NUMBER).description(description)
                .minimum(decimal(min)).maximum(decimal(max));
    }

    private static <E> Schema choice(String description, E[] values, Function<E, String> name) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description)
                .enumeration(Arrays.stream(values).map(name).map(Object.class::cast).toList());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** 1000.0 → 1000, 0.1 → 0.1: the shortest exact decimal, never in exponent notation. */
    static BigDecimal decimal(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static String plain(double value) {
        return decimal(value).toPlainString();
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
