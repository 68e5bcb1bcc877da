package com.imagecogni.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.imagecogni.common.ApiException;
import com.imagecogni.pipeline.codec.Codecs;
import com.imagecogni.pipeline.decode.DecodeMemory;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.FormatSniffer;
import com.imagecogni.pipeline.model.ImageFormat;

/**
 * The image parts of a request as Quarkus spooled them, read on a worker thread and judged by their bytes: the upload
 * and the try on a sample take their sources from here. A part that is not a supported image refuses the request.
 */
final class UploadedParts {

    /**
     * What is read of a streamed source at intake: its format by the magic bytes, and its size from the header,
     * which a JPEG may put after large metadata segments.
     */
    static final int HEAD_BYTES = 256 * 1024;

    private UploadedParts() {
    }

    private static byte[] head(java.nio.file.Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    /**
     * Reads the spooled parts: a small one whole (those bytes are sniffed and stored, one read), a larger one only the
     * head the format sniffer needs (the blob store reads the file itself, so it is never whole on the heap). A part
     * that is not a supported image by its bytes refuses the request.
     */
    static List<Upload.Source> read(List<FileUpload> uploads, long inlineBytes, DecodeLimits limits) {
        List<Upload.Source> sources = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> notAvailable = new ArrayList<>();
        for (FileUpload upload : uploads) {
            try {
                boolean inline = upload.size() <= inlineBytes;
                byte[] bytes = inline ? Files.readAllBytes(upload.uploadedFile()) : head(upload.uploadedFile());
                String name = Upload.storableName(upload.fileName());
                Optional<ImageFormat> format = FormatSniffer.detect(bytes);
                if (format.isEmpty()) {
                    refused.add(name);
                } else {
                    Codecs.missingDecoder(format.get()).ifPresent(missing -> notAvailable.add(name + ": " + missing));
                }
                long pixels = DecodeMemory.pixelsOfHead(bytes, inline || bytes.length == upload.size(), limits);
                sources.add(new Upload.Source(name, upload.uploadedFile(), upload.size(), inline ? bytes : null, pixels));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!refused.isEmpty()) {
            throw new ApiException(415, "unsupported_media_type", "Not a JPEG, PNG, GIF, WebP, BMP, TIFF, HEIC or AVIF image (judged by"
                    + " its content, not its name): " + String.join(", ", refused.stream().limit(10).toList()), null, null);
        }
        if (!notAvailable.isEmpty()) {
            throw new ApiException(415, "format_not_available", String.join("; ", notAvailable.stream().limit(10).toList()),
                    null, null);
        }
        return sources;
    }
}
