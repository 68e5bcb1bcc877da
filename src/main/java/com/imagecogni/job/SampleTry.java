package com.imagecogni.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.imagecogni.account.CreditPeriod;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.Blocking;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.configuration.ConfigurationService;
import com.imagecogni.ops.Metrics;
import com.imagecogni.pipeline.Deadline;
import com.imagecogni.pipeline.JobRenderer;
import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.zip.Manifest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * "Try on a sample image" ({@code POST /api/v1/configurations/try}): unsaved operations run on one uploaded image and
 * the result ZIP is the answer. Checked as a save would check them, charged like a job of one source (a failed source
 * is refunded), admitted by the same heap budget as the workers' jobs, and rendered off the event loop; no job row,
 * no postback. A charged try is recorded in {@code sample_try}.
 */
@ApplicationScoped
public class SampleTry {

    private static final Logger LOG = Logger.getLogger(SampleTry.class);

    private static final long RETRY_AFTER_BUSY = 5;

    private static final String RESERVE = """
            insert into credit_usage as cu (id, account_id, period_start, used, updated_at)
            select gen_random_uuid(), $1, $2, $3, now() where $3 <= $4
            on conflict (account_id, period_start) do update
               set used = cu.used + excluded.used, updated_at = now()
             where cu.used + excluded.used <= $4
            returning 1""";

    private static final String REFUND = """
            update credit_usage set used = greatest(0, used - $3), updated_at = now()
             where account_id = $1 and period_start = $2""";

    private static final String RECORD = """
            insert into sample_try (id, account_id, period_start, credits) values (gen_random_uuid(), $1, $2, $3)""";

    @Inject
    ConfigurationService configurations;

    @Inject
    Pool pool;

    @Inject
    Blocking blocking;

    @Inject
    ProcessingMemory memory;

    @Inject
    UploadBudget budget;

    @Inject
    ImagecogniConfig config;

    @Inject
    PipelineRuntime runtime;

    @Inject
    Metrics metrics;

    @Inject
    ObjectMapper json;

    /** The result ZIP of a try and the credits it cost. */
    public record Outcome(byte[] zip, int credits) {
    }

    public Uni<Outcome> run(UUID accountId, String operations, FileUpload source) {
        if (source == null) {
            throw ApiException.badRequest("missing_sources", "Attach the sample image as a 'source' part (curl -F"
                    + " source=@photo.jpg).");
        }
        ObjectNode body = json.createObjectNode();
        body.set("operations", parse(operations));
        if (!budget.tryTake(source.size())) {
            throw busy("receiving many large uploads");
        }
        return configurations.check(accountId, body)
                .chain(checked -> blocking.run(() -> UploadedParts.read(List.of(source), Long.MAX_VALUE,
                        DecodeLimits.of(config.limits().maxPixels())).get(0))
                        .chain(sample -> charged(accountId, checked, sample)))
                .onTermination().invoke(() -> budget.giveBack(source.size()));
    }

    /** Reserves the credits, renders, and keeps them (recording the try) or gives them back. */
    private Uni<Outcome> charged(UUID accountId, ConfigurationService.Checked checked, Upload.Source sample) {
        int credits = checked.estimate().creditsPerSource();
        CreditPeriod period = CreditPeriod.containing(Instant.now());
        long allowance = checked.plan().limits().monthlyCredits();
        return pool.preparedQuery(RESERVE).execute(Tuple.of(accountId, period.start(), credits, allowance)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().failure(new ApiException(402, "insufficient_credits", "Trying these operations"
                        + " costs " + credits + " credits and your " + checked.plan().title() + " plan has fewer left"
                        + " this month.", null, null));
            }
            return blocking.run(() -> render(checked, sample))
                    .call(outcome -> pool.preparedQuery(RECORD).execute(Tuple.of(accountId, period.start(), credits)))
                    .invoke(() -> metrics.creditsConsumed(credits))
                    .map(zip -> new Outcome(zip, credits))
                    // a refund that fails is logged, and the try's own error is what the caller hears
                    .onFailure().call(() -> pool.preparedQuery(REFUND).execute(Tuple.of(accountId, period.start(), credits))
                            .onFailure().invoke(e -> LOG.errorf("could not refund %d credits of a failed try of account %s:"
                                    + " %s", credits, accountId, e.getMessage()))
                            .onFailure().recoverWithNull());
        });
    }

    /** On a worker thread, within the heap budget: the operations on the sample, as a job's worker runs them. */
    private byte[] render(ConfigurationService.Checked checked, Upload.Source sample) {
        long need = ProcessingMemory.need(List.of(new ProcessingMemory.SourceNeed(sample.size(), sample.pixels())));
        Path zip = null;
        try (ProcessingMemory.Lease lease = memory.tryHold(need).orElseThrow(() -> busy("processing other images"))) {
            zip = Files.createTempFile("imagecogni-try", ".zip");
            ObjectNode snapshot = json.createObjectNode();
            snapshot.set("operations", checked.operations());
            JobRenderer.Result result = new JobRenderer(DecodeLimits.of(config.limits().maxPixels()),
                    config.limits().maxOutputsPerSource(), runtime).render(zip, "sample", json.writeValueAsBytes(snapshot),
                    checked.specs(), List.of(new JobRenderer.NamedSource(sample.name(), sample.bytes())),
                    Deadline.in(config.jobs().timeLimit()));
            Manifest.Error error = result.sources().get(0).error();
            if (error != null) {
                throw new ApiException(422, error.reason(), "The sample could not be processed: " + error.message(), null,
                        null);
            }
            long size = Files.size(zip);
            if (size > config.jobs().maxWaitZipBytes()) {
                throw new ApiException(413, "try_too_large", "The outputs of this try make a " + size + "-byte ZIP, more"
                        + " than a try answers with (" + config.jobs().maxWaitZipBytes() + "). Try fewer sizes or a"
                        + " smaller image, or save the configuration and upload a job.", null, null);
            }
            return Files.readAllBytes(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (zip != null) {
                zip.toFile().delete();
            }
        }
    }

    private JsonNode parse(String operations) {
        if (operations == null || operations.isBlank()) {
            throw ApiException.invalidField("validation_failed", "$.operations", "is required: the operations as JSON text");
        }
        try {
            return json.readTree(operations);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidField("validation_failed", "$.operations", "is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static ApiException busy(String why) {
        return new ApiException(503, "server_busy", "The service is " + why + " right now. Try again in "
                + RETRY_AFTER_BUSY + " seconds.", null, RETRY_AFTER_BUSY);
    }
}
