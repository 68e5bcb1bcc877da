package com.imagecogni.job;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.ops.Metrics;
import com.imagecogni.outbound.FetchFailedException;
import com.imagecogni.outbound.SourceFetcher;
import com.imagecogni.pipeline.Deadline;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.DecodeMemory;
import com.imagecogni.storage.BlobStore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The worker's first step for a job with sources by URL: fetches each one no attempt has fetched yet ({@link
 * SourceFetcher}: the postback's address rules with {@code imagecogni.fetch.allow-private-networks}, pinned
 * connections, 3 redirects, {@code max-request-bytes}, the fetch timeouts) into a temporary file and puts it into the
 * blob store under the source's key, as intake does for a file, so the rest of the worker reads every source alike
 * and a later attempt never depends on the origin again. A fetch that fails fails its source alone, for good: {@code
 * source_fetch_failed} with the origin's status when it answered, refunded like any failed source. A transient failure
 * of the origin is not retried by the job's attempts: those are for this service's own failures, and a retry would
 * hold every other source's result back by the retry back-off; the customer resubmits the URL.
 *
 * <p>The sources are fetched one after the other on the worker thread that runs the job (it blocks, never the event
 * loop), within the job's time limit: a source not fetched when the limit passes fails with {@code time_limit_exceeded}.
 */
@ApplicationScoped
public class SourceFetches {

    private static final Logger LOG = Logger.getLogger(SourceFetches.class);
    private static final Duration DB_WAIT = Duration.ofMinutes(2);
    /** What is read of a fetched source to record its pixels, as intake reads an upload's head. */
    private static final int HEAD_BYTES = 256 * 1024;

    @Inject
    Vertx vertx;

    @Inject
    ImagecogniConfig config;

    @Inject
    BlobStore blobs;

    @Inject
    JobQueue queue;

    @Inject
    Metrics metrics;

    private SourceFetcher fetcher;

    @PostConstruct
    void init() {
        ImagecogniConfig.Fetch fetch = config.fetch();
        fetcher = new SourceFetcher(vertx.getDelegate(), new SourceFetcher.Settings(SourceUrls.USE,
                fetch.allowPrivateNetworks(), config.limits().maxRequestBytes(), fetch.connectTimeout(), fetch.totalTimeout(),
                config.workers().orElse(Runtime.getRuntime().availableProcessors())));
    }

    @PreDestroy
    void close() {
        fetcher.close();
    }

    /**
     * Fetches the job's sources by URL that no attempt has fetched yet. Blocks: call it on the job's worker thread.
     *
     * @throws IllegalStateException when this worker lost the job meanwhile (the attempt ends; another one has it)
     */
    void fetchPending(UUID jobId, String workerId, Deadline deadline) throws IOException {
        List<JobQueue.UrlSource> pending = queue.toFetch(jobId).await().atMost(DB_WAIT);
        if (pending.isEmpty()) {
            return;
        }
        DecodeLimits limits = DecodeLimits.of(config.limits().maxPixels());
        for (JobQueue.UrlSource source : pending) {
            if (deadline.passed()) {
                held(queue.recordFetchFailed(jobId, source.position(), workerId, FailureReason.TIME_LIMIT_EXCEEDED.code(),
                        "the job reached its time limit before this source was fetched", null));
                continue;
            }
            Path file = Files.createTempFile("imagecogni-fetch-", ".source");
            try {
                long started = System.nanoTime();
                SourceFetcher.Fetched fetched = fetcher.fetch(source.url(), file, deadline.remaining());
                blobs.put(JobBlobs.source(jobId, source.position()), file).await().atMost(DB_WAIT);
                long pixels = DecodeMemory.pixelsOfHead(head(file), fetched.bytes() <= HEAD_BYTES, limits);
                held(queue.recordFetched(jobId, source.position(), workerId, fetched.bytes(), pixels));
                metrics.sourceFetch("fetched");
                LOG.infof("source %d fetched from %s: %d bytes, %d redirects, %d ms", source.position(), host(source.url()),
                        fetched.bytes(), fetched.redirects(), (System.nanoTime() - started) / 1_000_000);
            } catch (FetchFailedException e) {
                held(queue.recordFetchFailed(jobId, source.position(), workerId, FailureReason.SOURCE_FETCH_FAILED.code(),
                        e.getMessage(), e.upstreamStatus()));
                metrics.sourceFetch("failed");
                LOG.infof("source %d could not be fetched from %s: %s", source.position(), host(source.url()), e.getMessage());
            } finally {
                Files.deleteIfExists(file);
            }
        }
        // a later attempt of the job is admitted by what its sources really are
        queue.reweigh(jobId, workerId).await().atMost(DB_WAIT);
    }

    private static void held(Uni<Boolean> recorded) {
        if (!recorded.await().atMost(DB_WAIT)) {
            throw new IllegalStateException("the job was taken over by another worker while its sources were fetched");
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    /** The host alone is logged: a URL's path and query may carry a customer's tokens. */
    private static String host(String url) {
        return URI.create(url).getHost();
    }
}
