package com.imagecogni.pipeline.image;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * ImageIO readers and writers loaded by this application's own class loader. ImageIO's registry
 * is one per JVM: after a dev-mode reload, or when tests share a JVM, it may still hold plugins of
 * an earlier class loader, whose classes cannot be cast to ours (WebPWriteParam, for one).
 */
public final class ImageIoPlugins {

    private static final ClassLoader OURS = ImageIoPlugins.class.getClassLoader();

    private ImageIoPlugins() {
    }

    public static Optional<ImageReader> reader(String formatName) {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName); it.hasNext();) {
            ImageReader reader = it.next();
            if (usable(reader.getClass())) {
                return Optional.of(reader);
            }
        }
        for (ImageReaderSpi spi : ServiceLoader.load(ImageReaderSpi.class, OURS)) {
            if (Arrays.stream(spi.getFormatNames()).anyMatch(formatName::equalsIgnoreCase)) {
                try {
                    return Optional.of(spi.createReaderInstance());
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    public static Optional<ImageWriter> writer(String formatName) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(formatName); it.hasNext();) {
            ImageWriter writer = it.next();
            if (usable(writer.getClass())) {
                return Optional.of(writer);
            }
        }
        for (ImageWriterSpi spi : ServiceLoader.load(ImageWriterSpi.class, OURS)) {
            if (Arrays.stream(spi.getFormatNames()).anyMatch(formatName::equalsIgnoreCase)) {
                try {
                    return Optional.of(spi.createWriterInstance());
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The JDK's own plugins, or ones our class loader can see as the same classes. */
    private static boolean usable(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return true;
        }
        try {
            return Class.forName(type.getName(), false, OURS) == type;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
