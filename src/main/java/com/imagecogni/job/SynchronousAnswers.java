package com.imagecogni.job;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.storage.BlobStore;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answer to an accepted upload: 202 with the job's id, or, when the request asked to wait ({@code Prefer:
 * wait=N}, SPEC §6) and the job's processing ends within N seconds (clipped to {@code imagecogni.jobs.max-wait}),
 * 200 with the job status JSON or, with {@code Accept: application/zip}, the result ZIP. {@code Preference-Applied}
 * says the wait actually used. The postback is sent either way.
 */
@ApplicationScoped
public class SynchronousAnswers {

    public static final String ZIP = "application/zip";
    private static final String ENDED = "select status not in ('queued', 'processing') as ended from job where id = $1";

    @Inject
    JobCompletions completions;

    @Inject
    JobStatusService status;

    @Inject
    UploadBudget budget;

    @Inject
    ImagecogniConfig config;

    @Inject
    Pool pool;

    /**
     * @param requested the client's wait preference, if any
     * @param zip whether the client accepts the result ZIP as the body
     */
    public Uni<Response> answer(UUID accountId, JobIntake.Accepted accepted, Optional<Duration> requested, boolean zip) {
        if (requested.isEmpty()) {
            return Uni.createFrom().item(accepted(accepted, null));
        }
        Duration wait = requested.get().compareTo(config.jobs().maxWait()) > 0 ? config.jobs().maxWait() : requested.get();
        String applied = "wait=" + wait.toSeconds();
        if (wait.isZero()) {
            return Uni.createFrom().item(accepted(accepted, applied));
        }
        UUID jobId = accepted.jobId();
        return completions.await(jobId, wait, ended(jobId))
                // the wake-up comes on the LISTEN connection's or a timer's thread: the rest of the request (Hibernate
                // Reactive in the status read) belongs on the request's own context
                .emitOn(resumeOn(Vertx.currentContext()))
                .chain(ended -> !ended ? Uni.createFrom().item(accepted(accepted, applied))
                        : zip ? zipAnswer(accountId, jobId, applied) : jsonAnswer(accountId, jobId, applied));
    }

    static Response accepted(JobIntake.Accepted accepted, String applied) {
        Response.ResponseBuilder response = Response.accepted(accepted).type(MediaType.APPLICATION_JSON_TYPE)
                .location(URI.create("/api/v1/jobs/" + accepted.jobId()));
        return (applied == null ? response : response.header("Preference-Applied", applied)).build();
    }

    private Uni<Boolean> ended(UUID jobId) {
        return pool.preparedQuery(ENDED).execute(Tuple.of(jobId)).map(rows -> rows.iterator().next().getBoolean("ended"));
    }

    private Uni<Response> jsonAnswer(UUID accountId, UUID jobId, String applied) {
        return status.get(accountId, jobId).map(view -> Response.ok(view).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Preference-Applied", applied).header("Content-Location", "/api/v1/jobs/" + jobId).build());
    }

    /**
     * The ZIP read into memory (within the upload budget) and sent whole; a ZIP over {@code max-wait-zip-bytes} or
     * over the budget is 303 to the result, which streams it. A job that ended without a result (it failed) answers
     * with its status JSON, which says why.
     */
    private Uni<Response> zipAnswer(UUID accountId, UUID jobId, String applied) {
        String resultUrl = "/api/v1/jobs/" + jobId + "/result";
        return status.result(accountId, jobId).chain(blob -> {
            if (blob.size() > config.jobs().maxWaitZipBytes() || !budget.tryTake(blob.size())) {
                // the content is lazy: not subscribed, nothing is read from the store
                return Uni.createFrom().item(Response.seeOther(URI.create(resultUrl)).header("Preference-Applied", applied)
                        .build());
            }
            return read(blob).onTermination().invoke(() -> budget.giveBack(blob.size()))
                    .map(bytes -> Response.ok(bytes).type(ZIP).header("Preference-Applied", applied)
                            .header("Content-Location", resultUrl)
                            .header("Content-Disposition", "attachment; filename=\"" + jobId + ".zip\"").build());
        }).onFailure(e -> e instanceof ApiException api && api.code().equals("result_not_available"))
                .recoverWithUni(() -> jsonAnswer(accountId, jobId, applied));
    }

    private static Uni<byte[]> read(BlobStore.Blob blob) {
        return blob.content().collect().in(() -> Buffer.buffer((int) blob.size()), Buffer::appendBuffer)
                .map(Buffer::getBytes);
    }

    private static Executor resumeOn(Context context) {
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }
}
