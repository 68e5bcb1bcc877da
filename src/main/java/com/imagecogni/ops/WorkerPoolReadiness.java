package com.imagecogni.ops;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.imagecogni.job.WorkerPool;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Ready while the worker pool takes jobs; down once shutdown began, so the load balancer drains the replica. */
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
