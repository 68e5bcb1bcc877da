package com.imagecogni.pipeline.image;

import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * ImageIO readers and writers loaded by this application's own class loader. ImageIO's registry
 * is one per JVM: after a dev-mode reload, or when tests share a JVM, it may still hold plugins of
 * an earlier class loader, whose classes cannot be cast to ours (WebPWriteParam, for one).
 */
public final class ImageIoPlugins {

    private static final ClassLoader OURS = ImageIoPlugins.class.getClassLoader();
    private static boolean registered;

    private ImageIoPlugins() {
    }

    public static Optional<ImageReader> reader(String formatName) {
        Optional<ImageReader> reader = findReader(formatName);
        if (reader.isEmpty() && registerOurs()) {
            reader = findReader(formatName);
        }
        return reader;
    }

    public static Optional<ImageWriter> writer(String formatName) {
        Optional<ImageWriter> writer = findWriter(formatName);
        if (writer.isEmpty() && registerOurs()) {
            writer = findWriter(formatName);
        }
        return writer;
    }

    private static Optional<ImageReader> findReader(String formatName) {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName); it.hasNext();) {
            ImageReader reader = it.next();
            if (usable(reader.getClass())) {
                return Optional.of(reader);
            }
        }
        return Optional.empty();
    }

    private static Optional<ImageWriter> findWriter(String formatName) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(formatName); it.hasNext();) {
            ImageWriter writer = it.next();
            if (usable(writer.getClass())) {
                return Optional.of(writer);
            }
        }
        return Optional.empty();
    }

    /**
     * Adds the plugins our class loader sees to the JVM-wide registry (once), so they are set up
     * the way ImageIO expects (some providers only work after their registration callback).
     */
    private static synchronized boolean registerOurs() {
        if (registered) {
            return false;
        }
        registered = true;
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerServiceProviders(ServiceLoader.load(ImageReaderSpi.class, OURS).iterator());
        registry.registerServiceProviders(ServiceLoader.load(ImageWriterSpi.class, OURS).iterator());
        return true;
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
