package com.imagecogni.common;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/** Renders the location of a bad field as a JSON path such as {@code $.operations[0].sizes[2].width}. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** From a bean-validation path: method and parameter nodes are dropped, so the body itself is {@code $}. */
    public static String of(Path path) {
        StringBuilder out = new StringBuilder("$");
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN) {
                continue;
            }
            if (node.isInIterable()) {
                out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                out.append('.').append(node.getName());
            }
        }
        return out.toString();
    }

    /** From Jackson's reference chain. */
    public static String of(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder("$");
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                out.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** A JSON-flavoured name of the Java type a value should have had. */
    public static String describe(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
