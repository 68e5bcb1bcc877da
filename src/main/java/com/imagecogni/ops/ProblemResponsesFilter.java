package com.imagecogni.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the one error shape on every operation: the RFC 9457 Problem schema, and for each
 * status the stable {@code code}s an endpoint of that kind can answer with.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM = "#/components/schemas/Problem";

    private static final Map<String, String> COMMON = ordered(
            "400", "Malformed request: `malformed_json`, `bad_request`",
            "401", "Not authenticated: `unauthorized`, `invalid_token`, `invalid_api_key`",
            "403", "Not allowed: `ip_not_allowed`, `jwt_required`, `forbidden`, `feature_not_in_plan`",
            "404", "Not found (also another account's resource): `not_found`, `config_not_found`, `job_not_found`, …",
            "422", "Invalid fields, each with its JSON path: `validation_failed`, …",
            "500", "`internal_error` (details only in the server log)",
            "503", "`database_unavailable` with Retry-After");

    private static final Map<String, String> UPLOAD = ordered(
            "400", "`missing_sources`, `invalid_idempotency_key`",
            "402", "`insufficient_credits`: the month's credits do not cover sources × creditsPerSource",
            "413", "`payload_too_large`: the request is over imagecogni.limits.max-request-bytes",
            "415", "`unsupported_media_type`: a part is not a JPEG, PNG, GIF, WebP, BMP, TIFF, HEIC or AVIF by its content;"
                    + " `format_not_available`: its format needs a codec library this server does not have",
            "429", "`too_many_queued_jobs` with Retry-After",
            "503", "`queue_full`, `server_busy`, `database_unavailable`, `storage_unavailable` (the image store cannot be"
                    + " reached) with Retry-After");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            addProblems(operation, COMMON);
            if (path.equals("/api/v1/jobs") && method == PathItem.HttpMethod.POST) {
                addProblems(operation, UPLOAD);
            }
            if (path.equals("/api/v1/auth/token")) {
                addProblems(operation, ordered("401", "`invalid_credentials`: the same answer for an unknown email and a wrong password",
                        "429", "`too_many_attempts` with Retry-After"));
            }
            if (path.equals("/api/v1/accounts/verify")) {
                addProblems(operation, ordered("400", "`invalid_verification_token` (unknown or used link),"
                        + " `verification_token_expired`, `malformed_json`",
                        "429", "`too_many_attempts` with Retry-After: too many failed verifications from this address"));
            }
            if (path.equals("/api/v1/jobs/{id}/result")) {
                addProblems(operation, ordered("503", "`database_unavailable`, `storage_unavailable` (the image store cannot be"
                        + " reached) with Retry-After"));
            }
            if (path.equals("/api/v1/jobs") && method == PathItem.HttpMethod.GET) {
                addProblems(operation, ordered("400", "`invalid_page`: page not 0 to 10000 or size not 1 to 100"));
            }
            if (path.startsWith("/api/v1/account/ips")) {
                addProblems(operation, ordered("422", "Invalid fields, each with its JSON path: `validation_failed`,"
                        + " `invalid_address`, `address_range_too_wide` (wider than imagecogni.security.min-ipv4-prefix"
                        + " or min-ipv6-prefix)"));
            }
            if (path.equals("/api/v1/jobs/{id}/redeliver")) {
                addProblems(operation, ordered("409", "`delivery_in_progress`: a postback of the job is pending or in flight;"
                        + " `not_redeliverable`", "429", "`redeliver_cooldown` with Retry-After: one redelivery per"
                        + " imagecogni.postback.redeliver-cooldown per account"));
            }
            if (path.startsWith("/api/v1/configurations") && method != PathItem.HttpMethod.GET
                    && method != PathItem.HttpMethod.DELETE) {
                addProblems(operation, ordered("413", "`payload_too_large`: the JSON body is over imagecogni.limits.max-json-bytes",
                        "422", "`validation_failed` (at most 50 errors, each with its JSON path), or `too_many_outputs`:"
                                + " the operations make more images per source than imagecogni.limits.max-outputs-per-source"));
            }
            if (path.startsWith("/api/v1/account/ips") || path.startsWith("/api/v1/account/api-keys")
                    || path.startsWith("/api/v1/configurations")) {
                addProblems(operation, ordered("409", "A plan limit or a duplicate: `ip_limit_reached`, `ip_already_listed`,"
                        + " `api_key_limit_reached`, `configuration_limit_reached`, `configuration_name_taken`"));
            }
        }));
    }

    private static void addProblems(Operation operation, Map<String, String> problems) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        problems.forEach((status, description) -> responses.addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description).content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))))));
        operation.setResponses(responses);
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("path", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("JSON path, e.g. $.operations[0].sizes[2].width"))
                .addProperty("message", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; `code` is stable and meant for programs, `detail` for people")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("urn:imagecogni:problem:config_not_found"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("config_not_found"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
