package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.image.ImageIoPlugins;

import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Function;

/** Shared ImageIO plumbing: pick a writer, write without metadata into memory, map failures to a typed exception. */
final class ImageIoWriting {

    private ImageIoWriting() {
    }

    /** Writes {@code image} with the first writer for {@code formatName}; metadata is null, so none is copied. */
    static byte[] write(String formatName, BufferedImage image, Function<ImageWriter, ImageWriteParam> params) {
        ImageWriter writer = ImageIoPlugins.writer(formatName).orElseThrow(() -> new ProcessingFailedException(
                FailureReason.ENCODE_FAILED, "no " + formatName + " encoder installed"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), params.apply(writer));
        } catch (IOException | RuntimeException e) {
            throw new ProcessingFailedException(FailureReason.ENCODE_FAILED,
                    formatName + " encoding failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

}
