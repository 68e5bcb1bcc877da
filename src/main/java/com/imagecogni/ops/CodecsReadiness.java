package com.imagecogni.ops;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import com.imagecogni.pipeline.codec.Codecs;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which codec reads and writes each format on this replica (native library, embedded ImageIO, or not available).
 * Always up: a missing optional library narrows the formats, it does not make the replica unfit to serve.
 */
@Readiness
@ApplicationScoped
public class CodecsReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("image codecs").up();
        Codecs.report().forEach(response::withData);
        return response.build();
    }
}
