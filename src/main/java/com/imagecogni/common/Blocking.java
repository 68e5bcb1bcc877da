package com.imagecogni.common;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs CPU-heavy work (bcrypt, RSA signing) on the worker pool and resumes on the caller's
 * Vert.x context, so Hibernate Reactive calls before and after stay on their own thread.
 */
@ApplicationScoped
public class Blocking {

    @Inject
    Vertx vertx;

    public <T> Uni<T> run(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
