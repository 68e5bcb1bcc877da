package com.imagecogni.job;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Ready while the worker pool takes jobs; down once shutdown began, so the load balancer drains the replica. It lives
 * beside the pool: {@code ops} stays below the packages it measures and imports none of them.
 */
@Readiness
@ApplicationScoped
public class WorkerPoolReadiness implements HealthCheck {

    @Inject
    WorkerPool pool;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("image worker pool").status(pool.isAccepting())
                .withData("threads", pool.size()).withData("busy", pool.busy()).build();
    }
}
