package com.imagecogni.configuration;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.imagecogni.common.Problem;

/**
 * Reads typed fields from one JSON object and records every problem with its JSON path, so a
 * customer sees all bad fields of a configuration at once instead of one per attempt.
 */
final class FieldReader {

    private final ObjectNode node;
    private final String path;
    private final List<Problem.FieldError> errors;

    FieldReader(ObjectNode node, String path, List<Problem.FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** Reads {@code value} at {@code path} as an object, or records why it is not one. */
    static FieldReader of(JsonNode value, String path, List<Problem.FieldError> errors) {
        if (value instanceof ObjectNode object) {
            return new FieldReader(object, path, errors);
        }
        errors.add(new Problem.FieldError(path, "must be an object"));
        return null;
    }

    String path() {
        return path;
    }

    String path(String field) {
        return path + "." + field;
    }

    void error(String field, String message) {
        errors.add(new Problem.FieldError(field == null ? path : path(field), message));
    }

    /** Records every field not in {@code allowed}: a typo should not be silently ignored. */
    void rejectUnknown(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                error(name, "is not a known field here; known: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    String string(String field, boolean required, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            error(field, "must be a string");
            return null;
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            error(field, "must not be blank");
            return null;
        }
        if (text.length() > maxLength) {
            error(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    Integer integer(String field, boolean required, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(field, "must be a whole number");
            return null;
        }
        int number = value.intValue();
        if (number < min || number > max) {
            error(field, "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    Double number(String field, double min, double max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            error(field, "must be a number");
            return null;
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            error(field, "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** The elements of an array field with {@code min..max} elements, or an empty list after recording why not. */
    List<JsonNode> array(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "is required");
            return List.of();
        }
        if (!value.isArray()) {
            error(field, "must be an array");
            return List.of();
        }
        if (value.size() < min || value.size() > max) {
            error(field, min == max ? "must have " + min + " element" : "must have " + min + " to " + max + " elements");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }
}
