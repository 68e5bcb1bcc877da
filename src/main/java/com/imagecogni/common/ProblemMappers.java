package com.imagecogni.common;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.imagecogni.common.auth.ApiKeyHeaders;
import com.imagecogni.common.auth.Roles;
import com.imagecogni.storage.BlobStoreUnavailableException;
import com.imagecogni.storage.StorageConfig;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Turns every exception an endpoint can raise into one problem+json shape; nothing else leaks. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    StorageConfig storage;

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return Problem.of(e.status(), e.code(), e.getMessage(), request.path(), e.errors()).toResponse(e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(JsonPaths.of(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort((a, b) -> a.path().compareTo(b.path()));
        return Problem.of(422, "validation_failed", "The request has invalid fields; see errors.", request.path(), errors)
                .toResponse(null);
    }

    @ServerExceptionMapper
    public Response validation(ValidationException e, HttpServerRequest request) {
        if (e instanceof ConstraintViolationException violations) {
            return constraintViolation(violations, request);
        }
        LOG.error("validation setup failed", e);
        return internal(request);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        String path = JsonPaths.of(e.getPath());
        String message = "has the wrong type or format";
        if (e.getTargetType() != null) {
            message = "must be " + JsonPaths.describe(e.getTargetType());
        }
        return Problem.of(422, "validation_failed", "The request has invalid fields; see errors.", request.path(),
                List.of(new Problem.FieldError(path, message))).toResponse(null);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, HttpServerRequest request) {
        return Problem.of(400, "malformed_json", "The request body is not valid JSON for this endpoint.", request.path(), null)
                .toResponse(null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (hasCause(e, JsonProcessingException.class)) {
            return Problem.of(400, "malformed_json", "The request body is not valid JSON.", request.path(), null).toResponse(null);
        }
        String code;
        String detail;
        switch (status) {
            case 400 -> { code = "bad_request"; detail = "The request is malformed."; }
            case 401 -> { code = "unauthorized"; detail = "Authentication is required."; }
            case 403 -> { code = "forbidden"; detail = "You may not do this."; }
            case 404 -> { code = "not_found"; detail = "No resource at " + request.path() + "."; }
            case 405 -> { code = "method_not_allowed"; detail = request.method() + " is not allowed on " + request.path() + "."; }
            case 406 -> { code = "not_acceptable"; detail = "This resource cannot produce the media type you accept."; }
            case 413 -> { code = "payload_too_large"; detail = "The request body is too large."; }
            case 415 -> { code = "unsupported_media_type"; detail = "This endpoint does not accept the Content-Type you sent."; }
            default -> {
                if (status >= 500) {
                    LOG.error("request failed", e);
                    return internal(request);
                }
                code = "http_" + status;
                detail = "The request failed.";
            }
        }
        Response.ResponseBuilder builder = Response.fromResponse(
                Problem.of(status, code, detail, request.path(), null).toResponse(null));
        if (status == 405 && e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            builder.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return builder.build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        if (DatabaseOutage.isCause(e)) {
            // a key that cannot be looked up is not an invalid key
            return unexpected(e, request);
        }
        String authorization = request.getHeader("Authorization");
        String code;
        String detail;
        if (authorization == null || authorization.isBlank()) {
            code = "unauthorized";
            detail = "Send an API key (Authorization: ick_…) or a bearer token (Authorization: Bearer …).";
        } else if (ApiKeyHeaders.extract(authorization) != null) {
            code = "invalid_api_key";
            detail = "The API key is unknown or revoked.";
        } else {
            code = "invalid_token";
            detail = "The bearer token is invalid or expired; get a new one from POST /api/v1/auth/token.";
        }
        return Response.fromResponse(Problem.of(401, code, detail, request.path(), null).toResponse(null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, HttpServerRequest request) {
        return identities.getDeferredIdentity().map(identity -> {
            String address = identity.getAttribute(Roles.ATTR_DENIED_ADDRESS);
            if (address != null) {
                return Problem.of(403, "ip_not_allowed", "This API key is accepted only from the account's active allow-listed"
                        + " addresses, and " + address + " is not one of them. Add or activate it under /api/v1/account/ips.",
                        request.path(), null).toResponse(null);
            }
            if (identity.hasRole(Roles.API_KEY)) {
                return Problem.of(403, "jwt_required", "This endpoint needs a user token (Authorization: Bearer <JWT>),"
                        + " not an API key.", request.path(), null).toResponse(null);
            }
            return Problem.of(403, "forbidden", "Your account may not do this.", request.path(), null).toResponse(null);
        });
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        // before the database's check: a store that refuses connections says "Connection refused" too
        if (BlobStoreUnavailableException.isCause(e)) {
            LOG.warnf("blob store unavailable on %s %s: %s", request.method(), request.path(), e.getMessage());
            long retryAfter = Math.max(1, (storage.unavailableRetry().toMillis() + 999) / 1000);
            return Problem.of(503, "storage_unavailable", "The service cannot reach its image store right now. Accepted jobs"
                    + " are safe; try again shortly.", request.path(), null).toResponse(retryAfter);
        }
        if (DatabaseOutage.isCause(e)) {
            LOG.warnf("database unavailable on %s %s: %s", request.method(), request.path(), e.getMessage());
            return Problem.of(503, "database_unavailable", "The service cannot reach its database right now. Accepted jobs"
                    + " are safe; try again shortly.", request.path(), null).toResponse(DatabaseOutage.RETRY_AFTER_SECONDS);
        }
        LOG.error("unexpected failure on " + request.method() + " " + request.path(), e);
        return internal(request);
    }

    private static Response internal(HttpServerRequest request) {
        return Problem.of(500, "internal_error", "Something went wrong on our side. Please try again.", request.path(), null)
                .toResponse(null);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
