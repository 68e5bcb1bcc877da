package com.imagecogni.pipeline.zip;

import com.imagecogni.pipeline.PipelineRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.Output;
import com.imagecogni.pipeline.SourceProcessor;
import com.imagecogni.pipeline.TestImages;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.model.ConvertSpec;
import com.imagecogni.pipeline.model.Fit;
import com.imagecogni.pipeline.model.ImageFormat;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.pipeline.model.ResizeSpec;
import com.imagecogni.pipeline.model.SizeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultZipWriterTest {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final SourceProcessor PROCESSOR = new SourceProcessor(DecodeLimits.defaults(), RUNTIME);
    private static final List<OperationSpec> OPS = List.of(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(20)));

    static Map<String, byte[]> readZip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void sanitisesHostileNamesAndSuffixesDuplicates(@TempDir Path dir) throws IOException {
        byte[] png = TestImages.encode(TestImages.gradient(40, 30), "png");
        List<Output> outputs = PROCESSOR.process(png, OPS);
        String longName = "x".repeat(4096) + ".png";
        List<String> names = List.of("../../etc/passwd.jpg", "/abs/x.png", "a\\b.png", "ev\u0000il\u0007\u202Ename.png",
                longName, "photo.jpg", "photo.png", "PHOTO.jpg", "", "...", "con.png");
        Path zip = dir.resolve("result.zip");
        try (ResultZipWriter w = new ResultZipWriter(zip, "../../Product images/v2", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8))) {
            for (String n : names) {
                w.addSource(n, outputs);
            }
        }
        List<String> entries = new ArrayList<>(readZip(zip).keySet());
        assertEquals("configuration/_._Product images_v2.json", entries.get(0));
        assertEquals("manifest.json", entries.get(entries.size() - 1));
        List<String> expected = List.of("passwd", "x", "b", "evilname", "x".repeat(100), "photo", "photo-2", "PHOTO-3",
                "source", "source-2", "_con");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals("output/20w/" + expected.get(i) + ".png", entries.get(i + 1), "for name #" + i);
        }
        for (String e : entries) {
            assertFalse(e.contains("..") || e.contains("\\") || e.startsWith("/"), e);
            assertTrue(e.chars().noneMatch(c -> c < 0x20 || c == 0x7F || c == 0x202E), e);
        }
    }

    @Test
    void writesManifestWithSizesHashesAndFailures(@TempDir Path dir) throws Exception {
        byte[] png = TestImages.encode(TestImages.gradient(40, 30), "png");
        List<OperationSpec> ops = List.of(ResizeSpec.of(Fit.CONTAIN, SizeSpec.width(20), SizeSpec.percent(50)),
                ConvertSpec.of(ImageFormat.WEBP, ImageFormat.JPEG));
        Path zip = dir.resolve("r.zip");
        byte[] config = "{\"name\":\"shop\",\"version\":3}".getBytes(StandardCharsets.UTF_8);
        try (ResultZipWriter w = new ResultZipWriter(zip, "shop", config)) {
            w.addSource("a.jpg", PROCESSOR.process(png, ops)); // a PNG with a .jpg name is processed as PNG
            InputRejectedException rejected = assertThrows(InputRejectedException.class,
                    () -> PROCESSOR.process("hello".getBytes(StandardCharsets.UTF_8), ops));
            w.addFailedSource("notes.jpg", rejected);
        }
        Map<String, byte[]> entries = readZip(zip);
        assertEquals(List.of("configuration/shop.json", "output/20w/a.webp", "output/20w/a.jpg", "output/50pct/a.webp",
                "output/50pct/a.jpg", "manifest.json"), new ArrayList<>(entries.keySet()));
        assertEquals(new String(config, StandardCharsets.UTF_8), new String(entries.get("configuration/shop.json"), StandardCharsets.UTF_8));

        JsonNode m = new ObjectMapper().readTree(entries.get("manifest.json"));
        assertEquals("configuration/shop.json", m.get("configuration").asText());
        assertEquals(1, m.get("succeeded").asInt());
        assertEquals(1, m.get("failed").asInt());
        JsonNode ok = m.get("sources").get(0);
        assertEquals("a.jpg", ok.get("originalName").asText());
        assertEquals("a", ok.get("stem").asText());
        assertEquals("succeeded", ok.get("status").asText());
        assertFalse(ok.has("error"));
        assertEquals(4, ok.get("outputs").size());
        for (JsonNode o : ok.get("outputs")) {
            byte[] body = entries.get(o.get("path").asText());
            assertEquals(body.length, o.get("bytes").asLong());
            assertEquals(ResultZipWriter.sha256(body), o.get("sha256").asText());
            assertEquals(64, o.get("sha256").asText().length());
        }
        JsonNode half = ok.get("outputs").get(2);
        assertEquals("output/50pct/a.webp", half.get("path").asText());
        assertEquals(20, half.get("width").asInt());
        assertEquals(15, half.get("height").asInt());
        JsonNode bad = m.get("sources").get(1);
        assertEquals("failed", bad.get("status").asText());
        assertEquals(FailureReason.UNSUPPORTED_FORMAT.code(), bad.get("error").get("reason").asText());
        assertTrue(bad.get("error").get("message").asText().length() > 5);
        assertEquals(0, bad.get("outputs").size());
    }

    @Test
    void pngNamedJpgStaysPng(@TempDir Path dir) throws IOException {
        byte[] png = TestImages.encode(TestImages.gradient(40, 30), "png");
        Path zip = dir.resolve("r.zip");
        try (ResultZipWriter w = new ResultZipWriter(zip, "c", new byte[0])) {
            w.addSource("holiday.jpg", PROCESSOR.process(png, List.of()));
        }
        byte[] out = readZip(zip).get("output/original/holiday.png");
        assertEquals((byte) 0x89, out[0]);
        assertEquals('P', out[1]);
    }

    @Test
    void entryNameRules() {
        assertEquals("passwd", EntryNames.sourceStem("../../etc/passwd.jpg"));
        assertEquals("archive.tar", EntryNames.sourceStem("archive.tar.gz"));
        assertEquals("source", EntryNames.sourceStem(null));
        assertEquals("source", EntryNames.sourceStem("\u0000\u0001.png"));
        assertEquals("_bashrc", EntryNames.sourceStem("._bashrc.png"));
        assertEquals("a_b", EntryNames.segment("a:b", "x"));
        assertEquals("x", EntryNames.segment("..", "x"));
        assertEquals("photo-3", EntryNames.unique("photo", List.of("photo", "Photo-2")));
    }
}
