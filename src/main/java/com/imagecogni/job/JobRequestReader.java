package com.imagecogni.job;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.imagecogni.common.ApiException;
import com.imagecogni.common.FieldErrors;
import com.imagecogni.common.Problem;

/**
 * Reads the JSON job request, {@code {"configId": "…", "sourceUrls": ["https://…", …]}}: every field of the wrong type,
 * and every unknown field (a typo should not be silently ignored), is a 422 {@code validation_failed} naming it by
 * JSON path; no URL at all is 400 {@code missing_sources}. The URLs' own rules are {@link SourceUrls}'.
 */
public final class JobRequestReader {

    static final String CONFIG_ID = "configId";
    static final String SOURCE_URLS = "sourceUrls";

    /** The fields of the request, as the API document lists them (ApiDocumentMatchesCodeTest holds it to this). */
    public static final List<String> FIELDS = List.of(CONFIG_ID, SOURCE_URLS);

    private JobRequestReader() {
    }

    /** What the request asks for: a configuration id as given (checked by intake) and the URLs as given. */
    record JobRequest(String configId, List<String> sourceUrls) {
    }

    static JobRequest read(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add(new Problem.FieldError("$", "must be an object with configId and sourceUrls"));
            throw invalid(errors);
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(error("$." + name, "is not a known field here; known: " + String.join(", ", FIELDS)));
            }
        }
        JsonNode configId = body.get(CONFIG_ID);
        if (configId == null || configId.isNull()) {
            errors.add(error("$." + CONFIG_ID, "is required"));
        } else if (!configId.isTextual()) {
            errors.add(error("$." + CONFIG_ID, "must be a string"));
        }
        JsonNode urls = body.get(SOURCE_URLS);
        List<String> sourceUrls = new ArrayList<>();
        if (urls != null && !urls.isNull()) {
            if (!urls.isArray()) {
                errors.add(error("$." + SOURCE_URLS, "must be an array of strings"));
            } else {
                for (int i = 0; i < urls.size(); i++) {
                    if (urls.get(i).isTextual()) {
                        sourceUrls.add(urls.get(i).asText());
                    } else {
                        errors.add(error("$." + SOURCE_URLS + "[" + i + "]", "must be a string"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        if (sourceUrls.isEmpty()) {
            throw ApiException.badRequest("missing_sources", "Name one or more images by URL in 'sourceUrls'"
                    + " ({\"configId\": \"…\", \"sourceUrls\": [\"https://…\"]}).");
        }
        return new JobRequest(configId.asText(), sourceUrls);
    }

    private static Problem.FieldError error(String path, String message) {
        return new Problem.FieldError(path, message);
    }

    private static ApiException invalid(FieldErrors errors) {
        return new ApiException(422, "validation_failed", "The request has invalid fields; " + errors.summary() + ".",
                List.copyOf(errors), null);
    }
}
