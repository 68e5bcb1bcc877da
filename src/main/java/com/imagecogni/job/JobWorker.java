package com.imagecogni.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.imagecogni.common.Hashing;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.configuration.ConfigurationReader;
import com.imagecogni.ops.Metrics;
import com.imagecogni.pipeline.CreditCalculator;
import com.imagecogni.pipeline.Deadline;
import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.JobRenderer;
import com.imagecogni.pipeline.NativeCallRecorder;
import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.RenderProgress;
import com.imagecogni.pipeline.TooManyOutputsException;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.model.OperationSpec;
import com.imagecogni.storage.BlobStore;
import com.imagecogni.storage.BlobStoreUnavailableException;
import com.imagecogni.storage.StorageConfig;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs one claimed job on a worker thread: fetches its sources named by URL, loads it, renders the result ZIP (each
 * bad source fails alone), stores the outcome. Database calls and fetches are awaited here, never on the event loop.
 */
@ApplicationScoped
public class JobWorker {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);
    private static final Duration DB_WAIT = Duration.ofMinutes(2);

    @Inject
    JobQueue queue;

    @Inject
    Pool pool;

    @Inject
    ImagecogniConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Metrics metrics;

    @Inject
    BlobStore blobs;

    /** Fetches the sources named by URL before the job is loaded. */
    @Inject
    SourceFetches fetches;

    @Inject
    StorageConfig storage;

    /** The helper threads and timings listener every job of this replica renders with. */
    @Inject
    PipelineRuntime pipelineRuntime;

    /**
     * @param attempt which processing attempt of the job this is (from 1)
     * @param rendering told when the job's time budget starts (before its sources by URL are fetched)
     */
    public void run(UUID jobId, int attempt, String workerId, Runnable rendering) {
        MDC.put("jobId", jobId.toString());
        Path zip = null;
        try {
            // one time limit for the whole job: fetching its sources by URL, then rendering
            rendering.run();
            Deadline deadline = Deadline.in(config.jobs().timeLimit());
            fetches.fetchPending(jobId, workerId, deadline);
            JobQueue.JobWork work = queue.load(jobId).await().atMost(DB_WAIT);
            MDC.put("accountId", work.accountId().toString());
            DecodeLimits limits = DecodeLimits.of(config.limits().maxPixels());
            long started = System.nanoTime();
            zip = Files.createTempFile("imagecogni-" + jobId, ".zip");
            JobRenderer.Result result = render(work, zip, limits, workerId, deadline);
            logOutOfMemory(result);
            long size = Files.size(zip);
            String sha256 = Hashing.sha256Hex(zip);
            int refund = Math.multiplyExact(Math.toIntExact(result.failed()), work.creditsPerSource());
            // the ZIP goes into the blob store from its file, before the row that says the job has it
            String resultKey = JobBlobs.newResult(jobId);
            blobs.put(resultKey, zip).await().atMost(DB_WAIT);
            boolean stored = queue.finish(jobId, workerId, attempt, resultKey, size, sha256, result.sources(),
                    new String(result.manifestJson(), StandardCharsets.UTF_8), refund)
                    .await().atMost(DB_WAIT);
            if (stored) {
                long failed = result.failed();
                metrics.jobProcessed(Duration.ofNanos(System.nanoTime() - started), work.names().size(), failed);
                metrics.creditsConsumed(Math.multiplyExact(work.names().size() - failed, (long) work.creditsPerSource()));
                LOG.infof("job processed: %d sources, %d failed, %d bytes, %d ms", work.names().size(), result.failed(),
                        size, (System.nanoTime() - started) / 1_000_000);
            } else {
                LOG.warnf("job %s was taken over by another worker before it finished here; result discarded", jobId);
                // under a key of this attempt's own: the result another attempt recorded is untouched
                blobs.delete(List.of(resultKey)).onFailure().recoverWithNull().await().atMost(DB_WAIT);
            }
        } catch (Exception | OutOfMemoryError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (BlobStoreUnavailableException.isCause(e)) {
                postpone(jobId, workerId, e);
            } else {
                retryOrFail(jobId, attempt, workerId, e);
            }
        } finally {
            deleteQuietly(zip);
            MDC.remove("jobId");
            MDC.remove("accountId");
        }
    }

    /**
     * Marks the source in the database before each native decode and clears the mark after it: if the process dies
     * in the decoder, the next attempt finds the mark and fails that source as {@code codec_crash}.
     */
    private final class SourceNativeCalls implements NativeCallRecorder {
        private final UUID jobId;
        private final int position;
        private final String workerId;

        SourceNativeCalls(UUID jobId, int position, String workerId) {
            this.jobId = jobId;
            this.position = position;
            this.workerId = workerId;
        }

        @Override
        public void entering() {
            queue.markNativeCall(jobId, position, workerId, true).await().atMost(DB_WAIT);
        }

        @Override
        public void left() {
            queue.markNativeCall(jobId, position, workerId, false).await().atMost(DB_WAIT);
        }
    }

    private JobRenderer.Result render(JobQueue.JobWork work, Path zip, DecodeLimits limits, String workerId,
            Deadline deadline) throws IOException {
        JsonNode operations = json.readTree(work.operations());
        List<JobRenderer.NamedSource> sources = new ArrayList<>();
        for (int i = 0; i < work.names().size(); i++) {
            sources.add(new JobRenderer.NamedSource(work.names().get(i), work.contents().get(i), work.crashed().get(i),
                    work.urls().get(i), work.failures().get(i)));
        }
        List<OperationSpec> specs = ConfigurationReader.specsOf(operations);
        int maxOutputs = config.limits().maxOutputsPerSource();
        return new JobRenderer(limits, maxOutputs, pipelineRuntime).render(zip, work.configName(),
                snapshot(work, operations), specs, sources, deadline,
                index -> new SourceNativeCalls(work.jobId(), index + 1, workerId),
                progressOf(work.jobId(), specs, maxOutputs, sources.size()));
    }

    /**
     * The job's progress writer, started; none for a stored configuration over the output cap (saved under a higher
     * one): its sources fail with {@code too_many_outputs} before any output is made.
     */
    private RenderProgress progressOf(UUID jobId, List<OperationSpec> specs, int maxOutputs, int sources) {
        try {
            // at most max-outputs-per-source (400) x max-urls or parts per job: far inside an int
            return new JobProgress(pool, jobId, Math.multiplyExact(CreditCalculator.outputsPerSource(specs, maxOutputs),
                    sources)).started();
        } catch (TooManyOutputsException e) {
            return RenderProgress.NONE;
        }
    }

    /** A source that exhausted the heap failed alone (no retry); the operator still needs to hear of it. */
    private static void logOutOfMemory(JobRenderer.Result result) {
        for (var source : result.sources()) {
            if (source.error() != null && FailureReason.OUT_OF_MEMORY.code().equals(source.error().reason())) {
                LOG.warnf("source %s ran out of memory and failed alone; heap max %d MB", source.originalName(),
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        }
    }

    /** {@code configuration/<name>.json}: the version the job ran. */
    private byte[] snapshot(JobQueue.JobWork work, JsonNode operations) throws IOException {
        ObjectNode node = json.createObjectNode().put("id", work.configurationId().toString()).put("version", work.version())
                .put("name", work.configName()).put("postbackUrl", work.postbackUrl())
                .put("postbackFormat", work.postbackFormat())
                .put("creditsPerSource", work.creditsPerSource());
        node.set("operations", operations);
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    }

    private void retryOrFail(UUID jobId, int attempt, String workerId, Throwable failure) {
        LOG.errorf(failure, "job attempt %d failed", attempt);
        try {
            String outcome = queue.retryOrFail(jobId, workerId, attempt, "processing failed").await().atMost(DB_WAIT);
            LOG.infof("job after failed attempt: %s", outcome);
        } catch (RuntimeException e) {
            // the lease will expire and the rescuer will take the job again
            LOG.errorf(e, "could not record the failed attempt");
        }
    }

    /** The blob store is away: the job waits for it, its attempt not counted, however long that takes. */
    private void postpone(UUID jobId, String workerId, Throwable failure) {
        LOG.warnf("job waits for the blob store, trying again in %s: %s", storage.unavailableRetry(), failure.getMessage());
        try {
            // the customer sees this; where the store is and what it answered stays in the log
            queue.postpone(jobId, workerId, storage.unavailableRetry(), "the blob store is unavailable; the job will be"
                    + " retried when it is back").await().atMost(DB_WAIT);
        } catch (RuntimeException e) {
            // the lease will expire and the rescuer will take the job again
            LOG.errorf(e, "could not put the job back to wait for the blob store");
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("could not delete %s: %s", file, e.getMessage());
            }
        }
    }
}
