package com.imagecogni.job;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.imagecogni.ops.Metrics;
import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.image.Parallel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.pipeline.codec.ThreadNiceness;

/**
 * The one {@link PipelineRuntime} of this replica, shared by all its workers: its helper threads are shared as the old
 * JVM-wide pool was, so several busy workers never oversubscribe the machine by more than their count. Its step
 * timings feed the {@code imagecogni.operation} timer. Closed (helper threads stopped) when the application stops.
 */
@ApplicationScoped
public class PipelineRuntimeProducer {

    /**
     * Singleton, not application-scoped: a final class gets no client proxy, and nothing here needs a lazy one.
     *
     * @param threads {@code pipeline.threads} (system property, environment or application.properties), else
     *        {@link Parallel#defaultHelperThreads()}: half the cores, at least one
     */
    @Produces
    @Singleton
    PipelineRuntime pipelineRuntime(Metrics metrics, @ConfigProperty(name = "pipeline.threads") Optional<Integer> threads,
            ImagecogniConfig config) {
        int nice = config.imageThreadsNice();
        return new PipelineRuntime(threads.orElseGet(Parallel::defaultHelperThreads),
                (step, nanos) -> metrics.operation(step, Duration.ofNanos(nanos)), () -> ThreadNiceness.lowerCurrentThread(nice));
    }

    void close(@Disposes PipelineRuntime runtime) {
        runtime.close();
    }
}
