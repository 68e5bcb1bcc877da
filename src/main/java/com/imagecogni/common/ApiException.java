package com.imagecogni.common;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;

/** A failure the client caused or must know about, rendered as problem+json with a stable code. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<Problem.FieldError> errors;
    private final Long retryAfterSeconds;

    public ApiException(int status, String code, String detail, List<Problem.FieldError> errors, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiException(Status status, String code, String detail) {
        this(status.getStatusCode(), code, detail, null, null);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(Status.NOT_FOUND, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(Status.CONFLICT, code, detail);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(Status.BAD_REQUEST, code, detail);
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(Status.FORBIDDEN, code, detail);
    }

    /** A 422 for one bad field, named by its JSON path (e.g. {@code $.address}). */
    public static ApiException invalidField(String code, String path, String message) {
        return new ApiException(422, code, message, List.of(new Problem.FieldError(path, message)), null);
    }

    public static ApiException tooManyRequests(String code, String detail, long retryAfterSeconds) {
        return new ApiException(429, code, detail, null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
