package com.imagecogni.pipeline.zip;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.imagecogni.pipeline.Output;
import com.imagecogni.pipeline.PipelineException;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Streams the result archive of SPEC section 7 to a file: {@code configuration/<name>.json},
 * {@code output/<variant>/<source stem>.<ext>} and, on close, {@code manifest.json}.
 */
public final class ResultZipWriter implements Closeable {

    /** Original names are echoed in the manifest, but a hostile multi-kilobyte name is not worth keeping whole. */
    static final int MAX_ORIGINAL_NAME_CHARS = 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private final ZipOutputStream zip;
    private final String configurationEntry;
    private final List<String> stems = new ArrayList<>();
    private final Set<String> entryNames = new HashSet<>();
    private final List<Manifest.Source> sources = new ArrayList<>();
    private boolean closed;
    private byte[] manifestJson;

    public ResultZipWriter(Path zipFile, String configName, byte[] configJson) throws IOException {
        this.zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zipFile), 1 << 16));
        this.configurationEntry = "configuration/" + EntryNames.segment(configName, "configuration") + ".json";
        writeDeflated(configurationEntry, configJson);
    }

    /** Adds a processed source's outputs and returns its manifest entry (with the stem actually used). */
    public Manifest.Source addSource(String originalName, List<Output> outputs) throws IOException {
        return addSource(originalName, null, outputs);
    }

    /** As above, for a source named by {@code url} (null for an uploaded file). */
    public Manifest.Source addSource(String originalName, String url, List<Output> outputs) throws IOException {
        String stem = takeStem(originalName);
        List<Manifest.Entry> entries = new ArrayList<>(outputs.size());
        for (Output o : outputs) {
            String variant = EntryNames.segment(o.variant(), "original");
            String path = "output/" + variant + "/" + stem + "." + o.extension();
            if (!entryNames.add(EntryNames.foldCase(path))) {
                throw new IllegalArgumentException("two outputs of one source map to " + path);
            }
            writeStored(path, o.bytes());
            entries.add(new Manifest.Entry(path, variant, o.extension(), o.width(), o.height(), o.bytes().length,
                    sha256(o.bytes())));
        }
        Manifest.Source source = new Manifest.Source(clip(originalName), url, stem, "succeeded", null, List.copyOf(entries));
        sources.add(source);
        return source;
    }

    public Manifest.Source addFailedSource(String originalName, String reason, String message) {
        return addFailedSource(originalName, null, new Manifest.Error(reason, message));
    }

    /** A source that failed, named by {@code url} (null for an uploaded file). */
    public Manifest.Source addFailedSource(String originalName, String url, Manifest.Error error) {
        Manifest.Source source = new Manifest.Source(clip(originalName), url, takeStem(originalName), "failed", error,
                List.of());
        sources.add(source);
        return source;
    }

    public Manifest.Source addFailedSource(String originalName, PipelineException failure) {
        return addFailedSource(originalName, failure.code(), failure.getMessage());
    }

    /** Writes {@code manifest.json} and finishes the archive. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (zip) {
            int ok = (int) sources.stream().filter(s -> s.error() == null).count();
            Manifest manifest = new Manifest(configurationEntry, ok, sources.size() - ok, List.copyOf(sources));
            manifestJson = JSON.writeValueAsBytes(manifest);
            writeDeflated("manifest.json", manifestJson);
        }
    }

    /** The bytes of {@code manifest.json} as written into the archive; null until it is closed. */
    public byte[] manifestJson() {
        return manifestJson;
    }

    private String takeStem(String originalName) {
        String stem = EntryNames.unique(EntryNames.sourceStem(originalName), stems);
        stems.add(stem);
        return stem;
    }

    private void writeDeflated(String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Images are already compressed; storing them saves CPU and costs almost no space. */
    private void writeStored(String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String clip(String originalName) {
        if (originalName == null || originalName.length() <= MAX_ORIGINAL_NAME_CHARS) {
            return originalName;
        }
        return originalName.substring(0, MAX_ORIGINAL_NAME_CHARS) + "...";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
