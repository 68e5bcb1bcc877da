package com.imagecogni.configuration;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.FieldErrors;
import com.imagecogni.common.Problem;
import com.imagecogni.delivery.PostbackFormat;
import com.imagecogni.delivery.PostbackTargets;
import com.imagecogni.pipeline.CreditCalculator;
import com.imagecogni.pipeline.CreditEstimate;
import com.imagecogni.pipeline.TooManyOutputsException;
import com.imagecogni.pipeline.model.OperationSpec;

/**
 * Validates a configuration body as a whole and answers 422 listing every bad field. The postback
 * URL's rules are {@link PostbackTargets}'; the ones needing a name lookup run before, in
 * {@link ConfigurationService#requireAllowedPostbackAddress}.
 */
public final class ConfigurationReader {

    static final String NAME = "name";
    static final String POSTBACK_URL = "postbackUrl";
    static final String POSTBACK_FORMAT = "postbackFormat";
    static final String OPERATIONS = "operations";
    /**
     * Every field a configuration body may have, in the order the API document lists them: the reader refuses any
     * other, and {@link ConfigurationSchemas} builds the request schemas from this list (a field it has no schema
     * for fails the build), so what is validated and what is documented cannot drift apart.
     */
    static final List<String> FIELDS = List.of(NAME, POSTBACK_URL, POSTBACK_FORMAT, OPERATIONS);
    /** The fields a configuration body must have: the postback format defaults to multipart. */
    static final List<String> REQUIRED = List.of(NAME, POSTBACK_URL, OPERATIONS);
    static final int MAX_NAME = 100;
    /** Longer than any postback format's name; a longer value is refused before it is compared. */
    static final int MAX_POSTBACK_FORMAT = 16;

    private ConfigurationReader() {
    }

    /** A configuration body that passed validation, with its operations as pipeline specs. */
    public record Valid(String name, String postbackUrl, PostbackFormat postbackFormat, JsonNode operations,
            List<OperationSpec> specs, CreditEstimate credits) {
    }

    /**
     * @param maxSizesPerResize the plan's limit on sizes in one resize
     * @param maxOutputs images one source may become ({@code imagecogni.limits.max-outputs-per-source})
     */
    public static Valid read(JsonNode body, int maxSizesPerResize, int maxOutputs) {
        FieldErrors errors = new FieldErrors();
        FieldReader root = root(body, errors);
        String name = root.string(NAME, true, MAX_NAME);
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            root.error(NAME, "must not contain control characters");
        }
        // the length, like every rule of the URL, is PostbackTargets'
        String url = root.string(POSTBACK_URL, true, Integer.MAX_VALUE);
        if (url != null) {
            PostbackTargets.checkWithoutLookup(url.trim()).ifPresent(refusal -> root.error(POSTBACK_URL, refusal.message()));
        }
        PostbackFormat format = postbackFormat(root);
        List<OperationSpec> specs = new OperationParser(maxSizesPerResize, errors).parse(root, OPERATIONS);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new Valid(name.trim(), url.trim(), format, body.get(OPERATIONS), specs, estimate(specs, maxOutputs));
    }

    /** The postback format the body names; multipart when it names none (null or absent). */
    private static PostbackFormat postbackFormat(FieldReader root) {
        String value = root.string(POSTBACK_FORMAT, false, MAX_POSTBACK_FORMAT);
        if (value == null) {
            return PostbackFormat.MULTIPART;
        }
        return PostbackFormat.named(value).orElseGet(() -> {
            root.error(POSTBACK_FORMAT, "must be one of " + String.join(", ", PostbackFormat.names()));
            return PostbackFormat.MULTIPART;
        });
    }

    /**
     * Validates only the operations of a configuration being edited (name and postback URL may
     * still be empty), for the live credit estimate; every bad field is reported, as on save.
     */
    public static List<OperationSpec> readOperations(JsonNode body, int maxSizesPerResize) {
        FieldErrors errors = new FieldErrors();
        FieldReader root = root(body, errors);
        List<OperationSpec> specs = new OperationParser(maxSizesPerResize, errors).parse(root, OPERATIONS);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return specs;
    }

    /**
     * The credits of valid operations, or 422 {@code too_many_outputs} when they would make more than
     * {@code maxOutputs} images from one source (sizes and formats multiply from step to step).
     */
    public static CreditEstimate estimate(List<OperationSpec> specs, int maxOutputs) {
        try {
            return CreditCalculator.estimate(specs, maxOutputs);
        } catch (TooManyOutputsException e) {
            // the exact count, however large, so the customer sees by how much: BigInteger cannot overflow
            BigInteger images = BigInteger.ONE;
            for (OperationSpec spec : specs) {
                images = images.multiply(BigInteger.valueOf(spec.outputsPerInput()));
            }
            throw new ApiException(422, "too_many_outputs", "The operations make " + images + " images from each source;"
                    + " the limit is " + maxOutputs + ". The sizes of each resize and the formats of each convert multiply:"
                    + " use fewer of them, or split the work into several configurations.",
                    List.of(new Problem.FieldError("$.operations", "make " + images + " images per source; at most "
                            + maxOutputs)), null);
        }
    }

    /** Re-reads operations saved earlier (already valid) for a job or a response. */
    public static List<OperationSpec> specsOf(JsonNode operations) {
        FieldErrors errors = new FieldErrors();
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set(OPERATIONS, operations);
        List<OperationSpec> specs = new OperationParser(Integer.MAX_VALUE, errors)
                .parse(new FieldReader(holder, "$", errors), OPERATIONS);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("stored operations no longer parse: " + errors);
        }
        return specs;
    }

    /** The body as an object with only the known fields, or a 422 when it is not an object. */
    private static FieldReader root(JsonNode body, FieldErrors errors) {
        FieldReader root = FieldReader.of(body, "$", errors);
        if (root == null) {
            throw invalid(errors);
        }
        root.rejectUnknown(Set.copyOf(FIELDS));
        return root;
    }

    private static ApiException invalid(FieldErrors errors) {
        return new ApiException(422, "validation_failed", "The configuration has invalid fields; " + errors.summary() + ".",
                List.copyOf(errors), null);
    }
}
