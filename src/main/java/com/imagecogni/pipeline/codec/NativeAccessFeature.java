package com.imagecogni.pipeline.codec;

import com.imagecogni.pipeline.codec.heif.HeifBinding;
import com.imagecogni.pipeline.codec.jpeg.TurboJpeg;
import com.imagecogni.pipeline.codec.jxl.Jxl;
import com.imagecogni.pipeline.codec.webp.Libwebp;

import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeForeignAccess;

import java.lang.foreign.FunctionDescriptor;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The native image's list of every foreign call the codecs make: GraalVM compiles a stub per function descriptor at
 * build time, so each binding's descriptors are registered here, in one place (enabled by
 * {@code quarkus.native.additional-build-args} in application.properties). Only the JVM build is tested here.
 */
public final class NativeAccessFeature implements Feature {

    @Override
    public void duringSetup(DuringSetupAccess access) {
        for (List<FunctionDescriptor> downcalls : List.of(TurboJpeg.DOWNCALLS, HeifBinding.DOWNCALLS, Libwebp.DOWNCALLS,
                Jxl.DOWNCALLS, ThreadNiceness.DOWNCALLS)) {
            for (FunctionDescriptor descriptor : downcalls) {
                RuntimeForeignAccess.registerForDowncall(descriptor);
            }
        }
        for (FunctionDescriptor descriptor : HeifBinding.UPCALLS) {
            registerForUpcall(descriptor);
        }
    }

    /**
     * {@code registerForUpcall} came with GraalVM for JDK 22; the SDK on the build classpath (Quarkus' 23.1) lacks
     * it, while the builder that runs this feature has it.
     */
    private static void registerForUpcall(FunctionDescriptor descriptor) {
        try {
            Method register = RuntimeForeignAccess.class.getMethod("registerForUpcall", Object.class, Object[].class);
            register.invoke(null, descriptor, new Object[0]);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this GraalVM cannot register upcalls; AVIF encoding needs GraalVM for JDK 25", e);
        }
    }
}
