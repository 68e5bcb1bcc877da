package com.imagecogni.ops;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The service's own Prometheus meters, named in one place (see README "Operations"). */
@ApplicationScoped
public class Metrics {

    @Inject
    MeterRegistry registry;

    /** An upload answered: {@code accepted}, or the problem code it was refused with. */
    public void upload(String outcome) {
        Counter.builder("imagecogni.uploads").tag("outcome", outcome).description("Uploads by outcome").register(registry)
                .increment();
    }

    /**
     * {@code work} timed as one stage of accepting an upload ({@code read}: sniffing and sizing the parts on a worker
     * thread; {@code sources}: the blob puts; {@code insert}: the intake statement, configuration to work item), from
     * subscription to its item or failure.
     */
    public <T> Uni<T> uploadStage(String stage, Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return work.onTermination().invoke(() -> Timer.builder("imagecogni.upload.stage").tag("stage", stage)
                    .description("Time per stage of accepting an upload").register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - started)));
        });
    }

    /** A job's processing (decode, operations, encode, ZIP), timed per attempt. */
    public void jobProcessed(Duration took, long sources, long failedSources) {
        Timer.builder("imagecogni.job.processing").description("Processing time per job").register(registry).record(took);
        Counter.builder("imagecogni.sources").tag("outcome", "succeeded").register(registry).increment(sources - failedSources);
        Counter.builder("imagecogni.sources").tag("outcome", "failed").register(registry).increment(failedSources);
    }

    /**
     * One step of the pipeline for one image: an operation ({@code resize}, …) or an encoder ({@code encode:webp}).
     * The pipeline knows nothing of Micrometer: its runtime's step timings come here (job/PipelineRuntimeProducer).
     */
    public void operation(String type, Duration took) {
        Timer.builder("imagecogni.operation").tag("type", type).description("Processing time per operation and image")
                .register(registry).record(took);
    }

    /** A source named by URL, fetched by a worker: {@code fetched} or {@code failed}. */
    public void sourceFetch(String outcome) {
        Counter.builder("imagecogni.source.fetches").tag("outcome", outcome).description("Fetches of sources by URL by outcome")
                .register(registry).increment();
    }

    /** A postback attempt: delivered, failed or gone. */
    public void postback(String outcome) {
        Counter.builder("imagecogni.postback.attempts").tag("outcome", outcome).description("Postback attempts by outcome")
                .register(registry).increment();
    }

    /**
     * One bcrypt computation ({@code hash} or {@code check}): the costliest thing an unauthenticated
     * caller can make the service do, so a rise here is the first sign of abuse.
     */
    public void passwordHash(String kind) {
        Counter.builder("imagecogni.password.hashes").tag("kind", kind).description("bcrypt computations by kind")
                .register(registry).increment();
    }

    /** Credits a job finally consumed (reserved minus refunded). */
    public void creditsConsumed(long credits) {
        Counter.builder("imagecogni.credits.consumed").description("Credits consumed by processed jobs").register(registry)
                .increment(credits);
    }
}
