package com.imagecogni.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem detail with the stable {@code code} clients switch on. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    /** One invalid field of a request body, by JSON path. */
    @RegisterForReflection
    public record FieldError(String path, String message) {
    }

    public static Problem of(int status, String code, String detail, String instance, List<FieldError> errors) {
        return new Problem("urn:imagecogni:problem:" + code, titleOf(status), status, detail, instance, code, errors);
    }

    /** The response carrying this problem, with {@code Retry-After} when a wait is known. */
    public Response toResponse(Long retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(status).type(MEDIA).entity(this);
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", Math.max(1, retryAfterSeconds));
        }
        return builder.build();
    }

    private static String titleOf(int status) {
        if (status == 422) {
            return "Unprocessable Content";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
