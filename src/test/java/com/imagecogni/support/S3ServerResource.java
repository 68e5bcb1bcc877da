package com.imagecogni.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an {@link S3Server} before Quarkus and points the service at it ({@code imagecogni.storage.type=s3} and the
 * {@code imagecogni.storage.s3.*} settings); a test profile lists it. A field of the test annotated {@link Server} gets the
 * running server, to look into the bucket or to stop and restart it.
 */
public class S3ServerResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@link S3Server} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private S3Server server;

    @Override
    public Map<String, String> start() {
        server = S3Server.start();
        return server.properties();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, S3Server.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
