package com.imagecogni.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.ImageHeader;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.model.CompressSpec;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import com.imagecogni.pipeline.zip.ResultZipWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SPEC section 5's example configuration run on the CC0 photo, checked down to the pixel sizes in the ZIP. */
class SpecExampleEndToEndTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    @Test
    void productImagesExample(@TempDir Path dir) throws Exception {
        List<OperationSpec> ops = List.of(
                ResizeSpec.of(Fit.CONTAIN, SizeSpec.box(1200, 630), SizeSpec.percent(50), SizeSpec.template("instagram-square")),
                CompressSpec.quality(80),
                ConvertSpec.of(ImageFormat.WEBP, ImageFormat.JPEG));
        assertEquals(12, CreditCalculator.creditsPerSource(ops));
        byte[] config = "{\"name\":\"product-images\",\"version\":1}".getBytes(StandardCharsets.UTF_8);
        Path zip = dir.resolve("job.zip");
        long start = System.nanoTime();
        try (ResultZipWriter writer = new ResultZipWriter(zip, "product-images", config)) {
            writer.addSource("seeding.jpg", new SourceProcessor(DecodeLimits.defaults(), RUNTIME)
                    .process(TestImages.photo(), ops));
        }
        System.out.printf("SPEC example on 5312x2988: %d ms%n", (System.nanoTime() - start) / 1_000_000);

        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        assertEquals(List.of("configuration/product-images.json",
                "output/1200x630/seeding.webp", "output/1200x630/seeding.jpg",
                "output/50pct/seeding.webp", "output/50pct/seeding.jpg",
                "output/instagram-square/seeding.webp", "output/instagram-square/seeding.jpg",
                "manifest.json"), new ArrayList<>(entries.keySet()));
        Map<String, String> expected = Map.of("1200x630", "1120x630", "50pct", "2656x1494", "instagram-square", "1080x1080");
        SourceDecoder decoder = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel());
        for (var e : expected.entrySet()) {
            for (String ext : List.of("webp", "jpg")) {
                ImageHeader h = decoder.probe(entries.get("output/" + e.getKey() + "/seeding." + ext));
                assertEquals(ext.equals("jpg") ? ImageFormat.JPEG : ImageFormat.WEBP, h.format());
                assertEquals(e.getValue(), h.width() + "x" + h.height(), e.getKey() + "." + ext);
            }
        }
        // the header parser is ours too, so decode one output fully with ImageIO as an independent check
        var square = TestImages.decodePlain(entries.get("output/instagram-square/seeding.jpg"));
        assertEquals(1080, square.getWidth());
        assertEquals(1080, square.getHeight());

        JsonNode manifest = new ObjectMapper().readTree(entries.get("manifest.json"));
        JsonNode source = manifest.get("sources").get(0);
        assertEquals("succeeded", source.get("status").asText());
        assertEquals(6, source.get("outputs").size());
        assertEquals("output/1200x630/seeding.webp", source.get("outputs").get(0).get("path").asText());
        assertEquals(1120, source.get("outputs").get(0).get("width").asInt());
    }
}
