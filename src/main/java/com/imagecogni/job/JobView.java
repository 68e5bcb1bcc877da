package com.imagecogni.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A job's status as GET /api/v1/jobs/{id} shows it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(UUID jobId, UUID configId, int configVersion, String status, String error, Instant createdAt,
        Instant startedAt, Instant finishedAt, Credits credits, Progress progress, List<SourceView> sources,
        Delivery delivery, Result result) {

    /**
     * How far a queued or processing job has come (absent once it has ended): sources finished, done or failed, and
     * outputs written, of the totals; {@code outputsTotal} is known once processing starts. Updated by the worker at
     * most twice a second, so a caller can draw a progress bar by polling.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(int sourcesDone, int sourcesTotal, int outputsDone, Integer outputsTotal) {
    }

    /** Credits of the job: reserved at upload, refunded for failed sources (named apart from the account's credits). */
    @RegisterForReflection
    @Schema(name = "JobCredits")
    public record Credits(int reserved, int refunded, int charged) {
    }

    /**
     * One source and its outcome; {@code url} for a source named by URL ({@code bytes} is 0 until it is fetched),
     * absent for an uploaded file.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceView(int position, String name, String url, long bytes, String status, Failure error) {
    }

    /**
     * Why a source failed, with a stable reason; {@code upstreamStatus} is the HTTP status the origin of a source URL
     * answered with when that is why it could not be fetched ({@code source_fetch_failed}).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failure(String reason, String message, Integer upstreamStatus) {
    }

    /** The postback so far. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(String webhookId, String state, int attempts, Instant nextAttemptAt, Instant deliveredAt,
            List<Attempt> history) {
    }

    /** One postback attempt. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant at, Integer statusCode, String outcome, int durationMs, String error) {
    }

    /**
     * The result ZIP while it is kept; {@code expiresAt} is the moment retention deletes it (the job's
     * {@code purge_after}), null while the job is still being delivered: the clock starts when delivery ends.
     */
    @RegisterForReflection
    public record Result(String url, long bytes, String sha256, Instant expiresAt) {
    }

    /** A line of GET /api/v1/jobs. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(UUID jobId, UUID configId, String status, int sources, int credits, String deliveryState,
            Instant createdAt, Instant finishedAt) {
    }

    /** A page of GET /api/v1/jobs, newest first. */
    @RegisterForReflection
    public record Page(List<Summary> items, int page, int size, long total) {
    }
}
