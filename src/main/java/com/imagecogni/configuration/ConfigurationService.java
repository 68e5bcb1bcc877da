package com.imagecogni.configuration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.imagecogni.account.Account;
import com.imagecogni.account.PlanView;
import com.imagecogni.account.Plans;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.ImagecogniConfig;
import com.imagecogni.delivery.PostbackTargets;
import com.imagecogni.pipeline.CreditCalculator;
import com.imagecogni.pipeline.CreditEstimate;
import com.imagecogni.pipeline.TooManyOutputsException;
import com.imagecogni.pipeline.model.OperationSpec;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

/**
 * Media Operations: saving a configuration writes a new immutable version; reads show the
 * current one. Writes lock the account row so plan limits and name uniqueness hold under races.
 */
@ApplicationScoped
public class ConfigurationService {

    @Inject
    Plans plans;

    @Inject
    ObjectMapper json;

    @Inject
    ImagecogniConfig config;

    @Inject
    PostbackTargets postbackTargets;

    /**
     * Refuses (422 {@code postback_url_not_allowed}) a body whose postback URL points where postbacks
     * may not go (SSRF), looking its host up on a worker thread; call it before {@link #create} or
     * {@link #update}, outside their transaction. A URL of the wrong form passes here: the reader
     * reports it with every other bad field. The same rules run again at every send.
     */
    public Uni<Void> requireAllowedPostbackAddress(JsonNode body) {
        JsonNode url = body == null ? null : body.get("postbackUrl");
        if (url == null || !url.isTextual()) {
            return Uni.createFrom().voidItem();
        }
        return postbackTargets.refusalAtSaveOffLoop(url.asText().trim()).map(refusal -> {
            if (refusal.isPresent() && refusal.get().address()) {
                throw ApiException.invalidField("postback_url_not_allowed", "$.postbackUrl", refusal.get().message());
            }
            return null;
        });
    }

    @WithTransaction
    public Uni<ConfigurationView> create(UUID accountId, JsonNode body) {
        return lockedAccount(accountId).chain(account -> {
            PlanView plan = plans.of(account);
            ConfigurationReader.Valid valid = readAllowed(body, plan);
            return Configuration.count("accountId = ?1 and deletedAt is null", accountId).chain(live -> {
                if (live >= plan.limits().configurations()) {
                    throw ApiException.conflict("configuration_limit_reached", "Your " + plan.title() + " plan allows "
                            + plan.limits().configurations() + " configurations. Delete one or upgrade your plan.");
                }
                return requireFreeName(accountId, valid.name(), null);
            }).chain(() -> {
                Instant now = now();
                Configuration configuration = new Configuration();
                configuration.id = UUID.randomUUID();
                configuration.accountId = accountId;
                configuration.name = valid.name();
                configuration.currentVersion = 1;
                configuration.createdAt = now;
                configuration.updatedAt = now;
                return configuration.persist().chain(() -> saveVersion(configuration, valid))
                        .map(version -> view(configuration, version));
            });
        });
    }

    @WithTransaction
    public Uni<ConfigurationView> update(UUID accountId, UUID id, JsonNode body) {
        return lockedAccount(accountId).chain(account -> {
            ConfigurationReader.Valid valid = readAllowed(body, plans.of(account));
            return live(accountId, id).chain(configuration -> requireFreeName(accountId, valid.name(), id).chain(() -> {
                configuration.name = valid.name();
                configuration.currentVersion++;
                configuration.updatedAt = now();
                return saveVersion(configuration, valid).map(version -> view(configuration, version));
            }));
        });
    }

    @WithSession
    public Uni<List<ConfigurationView>> list(UUID accountId) {
        return ConfigurationVersion.<ConfigurationVersion>find("""
                select v from ConfigurationVersion v, Configuration c
                 where v.configurationId = c.id and v.version = c.currentVersion
                   and c.accountId = ?1 and c.deletedAt is null
                 order by c.createdAt desc""", accountId).list()
                .chain(versions -> Configuration.<Configuration>list("accountId = ?1 and deletedAt is null", accountId)
                        .map(configurations -> versions.stream().map(version -> view(configurations.stream()
                                .filter(c -> c.id.equals(version.configurationId)).findFirst().orElseThrow(), version))
                                .toList()));
    }

    @WithSession
    public Uni<ConfigurationView> get(UUID accountId, UUID id) {
        return live(accountId, id).chain(configuration -> version(configuration, configuration.currentVersion));
    }

    @WithSession
    public Uni<ConfigurationView> getVersion(UUID accountId, UUID id, int number) {
        return live(accountId, id).chain(configuration -> version(configuration, number));
    }

    @WithTransaction
    public Uni<Void> delete(UUID accountId, UUID id) {
        return live(accountId, id).invoke(configuration -> configuration.deletedAt = now()).replaceWithVoid();
    }

    /** What a configuration being edited would cost per source, checked against the plan; nothing is saved. */
    public Uni<CreditEstimate> estimate(UUID accountId, JsonNode body) {
        return check(accountId, body).map(Checked::estimate);
    }

    /** Operations that are not saved (an edit, a try on a sample), valid and allowed by the account's plan. */
    public record Checked(PlanView plan, JsonNode operations, List<OperationSpec> specs, CreditEstimate estimate) {
    }

    /**
     * Validates the operations of {@code body} ({@code {"operations": [...]}}) as a save would, every bad field at
     * once, and checks them against the account's plan; nothing is saved.
     */
    @WithSession
    public Uni<Checked> check(UUID accountId, JsonNode body) {
        return Account.<Account>findById(accountId).onItem().ifNull()
                .failWith(() -> ApiException.notFound("account_not_found", "The account no longer exists."))
                .map(account -> {
                    PlanView plan = plans.of(account);
                    List<OperationSpec> specs = ConfigurationReader.readOperations(body,
                            plan.limits().sizesPerResize());
                    requireFeatures(specs, plan);
                    return new Checked(plan, body.get("operations"), specs,
                            ConfigurationReader.estimate(specs, config.limits().maxOutputsPerSource()));
                });
    }

    private ConfigurationReader.Valid readAllowed(JsonNode body, PlanView plan) {
        ConfigurationReader.Valid valid = ConfigurationReader.read(body, plan.limits().sizesPerResize(),
                config.limits().maxOutputsPerSource());
        requireFeatures(valid.specs(), plan);
        return valid;
    }

    private void requireFeatures(List<OperationSpec> specs, PlanView plan) {
        for (String type : OperationParser.types(specs)) {
            if (!plan.allows(type)) {
                List<String> unlocking = plans.all().stream().filter(p -> p.allows(type)).map(PlanView::title).toList();
                throw ApiException.forbidden("feature_not_in_plan", "The " + type + " operation is not part of your "
                        + plan.title() + " plan" + (unlocking.isEmpty() ? "." : "; it comes with " + String.join(", ", unlocking)
                        + ". Remove it or upgrade your plan."));
            }
        }
    }

    private Uni<Void> requireFreeName(UUID accountId, String name, UUID exceptId) {
        return Configuration.count("accountId = ?1 and lower(name) = lower(?2) and deletedAt is null and id <> ?3",
                accountId, name, exceptId == null ? new UUID(0, 0) : exceptId).map(taken -> {
                    if (taken > 0) {
                        throw ApiException.conflict("configuration_name_taken",
                                "You already have a configuration named '" + name + "'. Choose another name.");
                    }
                    return null;
                });
    }

    private Uni<ConfigurationVersion> saveVersion(Configuration configuration, ConfigurationReader.Valid valid) {
        ConfigurationVersion version = new ConfigurationVersion();
        version.configurationId = configuration.id;
        version.version = configuration.currentVersion;
        version.name = valid.name();
        version.postbackUrl = valid.postbackUrl();
        version.postbackFormat = valid.postbackFormat().sql();
        version.operations = write(valid.operations());
        version.creditsPerSource = valid.credits().creditsPerSource();
        version.createdAt = configuration.updatedAt;
        return version.persist();
    }

    private Uni<ConfigurationView> version(Configuration configuration, int number) {
        return ConfigurationVersion.<ConfigurationVersion>findById(new ConfigurationVersion.Key(configuration.id, number))
                .onItem().ifNull().failWith(() -> ApiException.notFound("configuration_version_not_found",
                        "Configuration " + configuration.id + " has no version " + number + "."))
                .map(version -> view(configuration, version));
    }

    private Uni<Configuration> live(UUID accountId, UUID id) {
        // another account's configuration is indistinguishable from a missing one
        return Configuration.<Configuration>find("id = ?1 and accountId = ?2 and deletedAt is null", id, accountId)
                .firstResult().onItem().ifNull()
                .failWith(() -> ApiException.notFound("config_not_found", "No configuration with id " + id + "."));
    }

    private Uni<Account> lockedAccount(UUID accountId) {
        return Account.<Account>findById(accountId, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> ApiException.notFound("account_not_found", "The account no longer exists."));
    }

    ConfigurationView view(Configuration configuration, ConfigurationVersion version) {
        JsonNode operations = read(version.operations);
        String hint;
        try {
            hint = CreditCalculator.estimate(ConfigurationReader.specsOf(operations), config.limits().maxOutputsPerSource())
                    .hint().orElse(null);
        } catch (TooManyOutputsException e) {
            // a version saved before the cap (or under a higher one): shown as saved, and its jobs fail too_many_outputs
            hint = "this version makes more than " + e.maxOutputs() + " images per source; its jobs will fail."
                    + " Save a new version with fewer sizes or formats.";
        }
        return new ConfigurationView(configuration.id, version.name, version.version, version.postbackUrl,
                version.postbackFormat, operations,
                version.creditsPerSource, hint, configuration.createdAt, version.createdAt);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored operations are JSON written by this service", e);
        }
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds; answering with the stored precision keeps reads and writes equal
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
