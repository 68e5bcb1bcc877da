package com.imagecogni.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.filesystem.FilesystemApiMetadata;

/**
 * A real S3 server for the tests: S3Proxy in this JVM on its jclouds {@code filesystem} backend, in a temporary directory,
 * on a free loopback port, with one bucket and static credentials. It can be stopped and started again on the same port
 * and directory (the store going away and coming back, its objects kept), and shows what the bucket holds straight from
 * the backend, not through the code under test.
 */
public final class S3Server implements AutoCloseable {

    public static final String BUCKET = "imagecogni-test";
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "imagecogni-test";
    public static final String SECRET_ACCESS_KEY = "imagecogni-test-secret";

    private final Path directory;
    private final int port;
    private BlobStoreContext context;
    private S3Proxy proxy;

    private S3Server(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** A server with an empty bucket {@value #BUCKET}, running. */
    public static S3Server start() {
        try {
            S3Server server = new S3Server(Files.createTempDirectory("imagecogni-s3-"), freePort());
            server.restart();
            server.backend().createContainerInLocation(null, BUCKET);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again), on its port and directory. */
    public synchronized void restart() {
        if (proxy != null) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        context = ContextBuilder.newBuilder(new FilesystemApiMetadata()).overrides(properties).buildView(BlobStoreContext.class);
        S3Proxy started = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(endpoint())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                // the SDK sends a CRC32 header with DeleteObjects beside Content-MD5, which S3Proxy does not know
                .ignoreUnknownHeaders(true).build();
        try {
            started.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(started.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start on port " + port + ": " + started.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on port " + port, e);
        }
        proxy = started;
    }

    /** Stops the server: connections to its port are refused until {@link #restart}. The objects stay. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            proxy = null;
            context.close();
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The service's settings for this server, as configuration properties. */
    public Map<String, String> properties() {
        return Map.of("imagecogni.storage.type", "s3", "imagecogni.storage.s3.endpoint", endpoint().toString(),
                "imagecogni.storage.s3.region", REGION, "imagecogni.storage.s3.bucket", BUCKET,
                "imagecogni.storage.s3.access-key-id", ACCESS_KEY_ID, "imagecogni.storage.s3.secret-access-key", SECRET_ACCESS_KEY,
                "imagecogni.storage.s3.path-style-access", "true");
    }

    /** The same settings as environment variables, for a service process. */
    public Map<String, String> environment() {
        return Map.of("IMAGECOGNI_STORAGE_TYPE", "s3", "IMAGECOGNI_STORAGE_S3_ENDPOINT", endpoint().toString(),
                "IMAGECOGNI_STORAGE_S3_REGION", REGION, "IMAGECOGNI_STORAGE_S3_BUCKET", BUCKET,
                "IMAGECOGNI_STORAGE_S3_ACCESS_KEY_ID", ACCESS_KEY_ID, "IMAGECOGNI_STORAGE_S3_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY,
                "IMAGECOGNI_STORAGE_S3_PATH_STYLE_ACCESS", "true");
    }

    /** Bytes the store holds on disk now (its objects and their metadata), for the benchmarks' growth readings. */
    public long storedBytes() {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0; // deleted while walking
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** The keys of the objects in the bucket that start with {@code prefix}, sorted, read from the backend. */
    public synchronized List<String> keys(String prefix) {
        BlobStore backend = backend();
        List<String> keys = new ArrayList<>();
        String marker = null;
        do {
            ListContainerOptions options = ListContainerOptions.Builder.prefix(prefix).recursive();
            if (marker != null) {
                options.afterMarker(marker);
            }
            PageSet<? extends StorageMetadata> page = backend.list(BUCKET, options);
            page.stream().filter(item -> item.getType() == StorageType.BLOB).forEach(item -> keys.add(item.getName()));
            marker = page.getNextMarker();
        } while (marker != null);
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    private BlobStore backend() {
        if (context == null) {
            throw new IllegalStateException("the S3 server is stopped");
        }
        return context.getBlobStore();
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
