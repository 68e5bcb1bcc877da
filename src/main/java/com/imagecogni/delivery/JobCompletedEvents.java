package com.imagecogni.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The JSON postback ({@code postbackFormat: json}): a Standard Webhooks event
 * {@code {"type": "job.completed", "timestamp", "data"}} whose {@code data.result.url} is a signed link to the ZIP,
 * so the libraries that read the body as text can verify it and the receiver fetches the ZIP only once it has.
 */
@ApplicationScoped
public class JobCompletedEvents {

    static final String TYPE = "job.completed";

    @Inject
    ObjectMapper json;

    @Inject
    ResultLinks links;

    /**
     * What the event states about a job, read when its postback is loaded.
     *
     * @param finishedAt when processing ended: the event's time, the same on every attempt
     * @param retention how long the result is kept once delivery ends: the link is valid that long from each attempt
     * @param manifest {@code manifest.json} of the result, as the ZIP has it
     */
    record Facts(UUID jobId, UUID configId, int configVersion, Instant finishedAt, Duration retention, List<Source> sources,
            Credits credits, long bytes, String sha256, String manifest) {
    }

    /** The envelope Standard Webhooks payloads share; {@code timestamp} is when the event happened, not when it is sent. */
    @RegisterForReflection
    record Event(String type, Instant timestamp, Data data) {
    }

    /**
     * The job as its status shows it once processed; {@code status} is {@code succeeded} (every source),
     * {@code partial} or {@code failed} (no source).
     */
    @RegisterForReflection
    record Data(UUID jobId, UUID configId, int configVersion, String status, List<Source> sources, Credits credits,
            Result result, JsonNode manifest) {
    }

    /** One source and its outcome, as in the job status. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Source(int position, String name, String url, long bytes, String status, Failure error) {
    }

    /** Why a source failed. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Failure(String reason, String message, Integer upstreamStatus) {
    }

    /** Credits of the job: reserved at upload, refunded for failed sources, charged. */
    @RegisterForReflection
    record Credits(int reserved, int refunded, int charged) {
    }

    /** The result ZIP: a link to it (no API key needed) valid until {@code expiresAt}, its size and SHA-256. */
    @RegisterForReflection
    record Result(String url, long bytes, String sha256, Instant expiresAt) {
    }

    /** The event; each attempt (at {@code at}) gets a link of its own, signed with {@code secret}. */
    PostbackContent content(Facts facts, String secret) {
        return at -> new PostbackContent.Body("application/json", List.of(bytes(facts, secret, at)));
    }

    private byte[] bytes(Facts facts, String secret, Instant at) {
        Instant expires = at.plus(facts.retention());
        try {
            Data data = new Data(facts.jobId(), facts.configId(), facts.configVersion(), status(facts.sources()),
                    facts.sources(), facts.credits(), new Result(links.url(secret, facts.jobId(), expires),
                            facts.bytes(), facts.sha256(), expires), json.readTree(facts.manifest()));
            return json.writeValueAsBytes(new Event(TYPE, facts.finishedAt(), data));
        } catch (IOException e) {
            throw new UncheckedIOException("the stored manifest of job " + facts.jobId() + " is not JSON", e);
        }
    }

    private static String status(List<Source> sources) {
        long succeeded = sources.stream().filter(source -> "succeeded".equals(source.status())).count();
        return succeeded == sources.size() ? "succeeded" : succeeded == 0 ? "failed" : "partial";
    }
}
