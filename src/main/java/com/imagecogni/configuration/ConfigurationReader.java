package com.imagecogni.configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.Problem;
import com.imagecogni.pipeline.CreditCalculator;
import com.imagecogni.pipeline.CreditEstimate;
import com.imagecogni.pipeline.model.OperationSpec;

/** Validates a configuration body as a whole and answers 422 listing every bad field. */
public final class ConfigurationReader {

    static final int MAX_NAME = 100;
    static final int MAX_URL = 2048;

    private ConfigurationReader() {
    }

    /** A configuration body that passed validation, with its operations as pipeline specs. */
    public record Valid(String name, String postbackUrl, JsonNode operations, List<OperationSpec> specs,
            CreditEstimate credits) {
    }

    public static Valid read(JsonNode body, int maxSizesPerResize) {
        List<Problem.FieldError> errors = new ArrayList<>();
        FieldReader root = root(body, errors);
        String name = root.string("name", true, MAX_NAME);
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            root.error("name", "must not contain control characters");
        }
        String url = root.string("postbackUrl", true, MAX_URL);
        if (url != null) {
            checkUrl(root, url.trim());
        }
        List<OperationSpec> specs = new OperationParser(maxSizesPerResize, errors).parse(root, "operations");
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new Valid(name.trim(), url.trim(), body.get("operations"), specs, CreditCalculator.estimate(specs));
    }

    /**
     * Validates only the operations of a configuration being edited (name and postback URL may
     * still be empty), for the live credit estimate; every bad field is reported, as on save.
     */
    public static List<OperationSpec> readOperations(JsonNode body, int maxSizesPerResize) {
        List<Problem.FieldError> errors = new ArrayList<>();
        FieldReader root = root(body, errors);
        List<OperationSpec> specs = new OperationParser(maxSizesPerResize, errors).parse(root, "operations");
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return specs;
    }

    /** Re-reads operations saved earlier (already valid) for a job or a response. */
    public static List<OperationSpec> specsOf(JsonNode operations) {
        List<Problem.FieldError> errors = new ArrayList<>();
        com.fasterxml.jackson.databind.node.ObjectNode holder = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        holder.set("operations", operations);
        List<OperationSpec> specs = new OperationParser(Integer.MAX_VALUE, errors)
                .parse(new FieldReader(holder, "$", errors), "operations");
        if (!errors.isEmpty()) {
            throw new IllegalStateException("stored operations no longer parse: " + errors);
        }
        return specs;
    }

    /** The body as an object with only the known fields, or a 422 when it is not an object. */
    private static FieldReader root(JsonNode body, List<Problem.FieldError> errors) {
        FieldReader root = FieldReader.of(body, "$", errors);
        if (root == null) {
            throw invalid(errors);
        }
        root.rejectUnknown(Set.of("name", "postbackUrl", "operations"));
        return root;
    }

    private static void checkUrl(FieldReader root, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
                root.error("postbackUrl", "must be an absolute http or https URL");
            } else if (uri.getHost() == null || uri.getHost().isBlank()) {
                root.error("postbackUrl", "must name a host");
            } else if (uri.getRawUserInfo() != null) {
                root.error("postbackUrl", "must not contain credentials; the postback is signed instead");
            }
        } catch (URISyntaxException e) {
            root.error("postbackUrl", "is not a valid URL");
        }
    }

    private static ApiException invalid(List<Problem.FieldError> errors) {
        return new ApiException(422, "validation_failed", "The configuration has invalid fields; see errors.",
                List.copyOf(errors), null);
    }
}
