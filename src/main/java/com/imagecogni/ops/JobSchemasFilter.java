package com.imagecogni.ops;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import com.imagecogni.outbound.UrlRules;

/**
 * What the jobs endpoints' annotations leave out, so that a client generated from the document can upload and fetch:
 * operation ids ({@code JobsApi.uploadJob}, {@code getJob}, ...), the upload's multipart parts ({@code configId} a
 * UUID, {@code sources} files and {@code sourceUrls} URLs, either or both) and its {@code Idempotency-Key}, the
 * upload's JSON request ({@code JobRequest}: the same upload with sources by URL only, a second content type of the
 * one operation; its resource method is hidden from the scan, which would make it a second POST), the 202 {@code
 * JobAccepted} of an upload, the result as binary ZIP and the 202 of a redelivery. The resources answer with {@code
 * Response}, which the scanner cannot see into. Each addition is made only where the scanned document has nothing
 * better, so annotations added to the resources later win. The {@code JobAccepted} fields are job's {@code
 * JobIntake.Accepted} and the {@code JobRequest} fields job's {@code JobRequestReader.FIELDS} (ops cannot name job's
 * classes: job uses ops' Metrics); ApiDocumentMatchesCodeTest holds them to those.
 */
public class JobSchemasFilter implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String JSON = "application/json";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItem("/api/v1/jobs") == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("JobAccepted", jobAccepted());
        openAPI.getComponents().addSchema("JobRequest", jobRequest());
        openAPI.getComponents().addSchema("RedeliveryQueued", redeliveryQueued());
        Map<String, PathItem> paths = openAPI.getPaths().getPathItems();
        PathItem jobs = paths.get("/api/v1/jobs");
        if (jobs.getPOST() != null) {
            upload(jobs.getPOST());
        }
        name(jobs.getGET(), "listJobs");
        PathItem job = paths.get("/api/v1/jobs/{id}");
        if (job != null) {
            name(job.getGET(), "getJob");
        }
        PathItem result = paths.get("/api/v1/jobs/{id}/result");
        if (result != null && result.getGET() != null) {
            name(result.getGET(), "getJobResult");
            success(result.getGET(), "200", "The result ZIP (Content-Disposition names it {id}.zip)", "application/zip",
                    OASFactory.createSchema().addType(SchemaType.STRING).format("binary"));
        }
        PathItem redeliver = paths.get("/api/v1/jobs/{id}/redeliver");
        if (redeliver != null && redeliver.getPOST() != null) {
            name(redeliver.getPOST(), "redeliverJob");
            success(redeliver.getPOST(), "202", "The postback is queued again", JSON, ref("RedeliveryQueued"));
        }
    }

    private static void upload(Operation upload) {
        name(upload, "uploadJob");
        if (upload.getParameters() != null) {
            for (Parameter parameter : upload.getParameters()) {
                if ("Idempotency-Key".equalsIgnoreCase(parameter.getName()) && parameter.getDescription() == null) {
                    parameter.setDescription("Makes the upload safe to retry: a repeated request with the same key"
                            + " answers with the job the first one created instead of creating another.");
                }
            }
        }
        MediaType multipart = upload.getRequestBody() == null || upload.getRequestBody().getContent() == null ? null
                : upload.getRequestBody().getContent().getMediaType("multipart/form-data");
        Schema form = multipart == null ? null : multipart.getSchema();
        if (form != null && form.getProperties() != null) {
            Schema configId = form.getProperties().get("configId");
            Schema sources = form.getProperties().get("sources");
            Schema sourceUrls = form.getProperties().get("sourceUrls");
            if (sourceUrls != null) {
                describe(sourceUrls, "Images by URL, one part each (repeat the part), beside or instead of files: http or"
                        + " https, fetched by the service after the upload is accepted (SPEC section 6). Each is a source"
                        + " like a file, charged alike; one that cannot be fetched fails alone (source_fetch_failed) and"
                        + " is refunded.");
                url(sourceUrls.getItems());
            }
            List<String> required = new ArrayList<>();
            if (configId != null) {
                describe(configId, "The id of a configuration of the API key's account.").setFormat("uuid");
                required.add("configId");
            }
            if (sources != null) {
                describe(sources, "The images, one part each (repeat the part); recognised by their bytes, not their"
                        + " names." + (sourceUrls == null ? "" : " At least one source, a file or a URL, is required."));
                if (sourceUrls == null) {
                    if (sources.getMinItems() == null) {
                        sources.setMinItems(1);
                    }
                    required.add("sources");
                }
            }
            if (form.getRequired() == null || form.getRequired().isEmpty()) {
                form.setRequired(required);
            }
            upload.getRequestBody().setRequired(true);
            if (upload.getRequestBody().getContent().getMediaType(JSON) == null) {
                upload.getRequestBody().getContent().addMediaType(JSON, OASFactory.createMediaType().schema(ref("JobRequest")));
            }
        }
        success(upload, "202", "Accepted: the job is queued; Location names it", JSON, ref("JobAccepted"));
    }

    /** The fields of job's {@code JobIntake.Accepted}, as an upload answers them. */
    private static Schema jobAccepted() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description("An accepted upload.")
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.STRING).enumeration(List.of("success")))
                .addProperty("jobId", uuid("The new job (GET /api/v1/jobs/{jobId})."))
                .addProperty("configId", uuid("The configuration it runs on."))
                .addProperty("sources", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.ONE).description("Sources accepted."))
                .addProperty("credits", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64")
                        .minimum(BigDecimal.ZERO).description("Credits reserved: sources × creditsPerSource."))
                .required(List.of("status", "jobId", "configId", "sources", "credits"));
    }

    /** The JSON upload: the fields of job's {@code JobRequestReader.FIELDS}; unknown fields are refused. */
    private static Schema jobRequest() {
        Schema urls = OASFactory.createSchema().addType(SchemaType.ARRAY).minItems(1)
                .items(url(OASFactory.createSchema().addType(SchemaType.STRING)))
                .description("The images by URL, fetched by the service (at most imagecogni.fetch.max-urls, 10 unless the"
                        + " operator says otherwise).");
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An upload whose sources are named by URL (Content-Type: application/json).")
                .addProperty("configId", uuid("The id of a configuration of the API key's account."))
                .addProperty("sourceUrls", urls).required(List.of("configId", "sourceUrls"))
                .additionalPropertiesBoolean(false);
    }

    /** A source URL: http or https, at most {@link UrlRules#MAX_LENGTH} characters. */
    private static Schema url(Schema schema) {
        if (schema != null) {
            schema.setFormat("uri");
            schema.setMaxLength(UrlRules.MAX_LENGTH);
        }
        return schema;
    }

    private static Schema redeliveryQueued() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description("A redelivery that was queued.")
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.STRING).enumeration(List.of("delivering")))
                .addProperty("jobId", uuid("The job."))
                .required(List.of("status", "jobId"));
    }

    /**
     * Documents the success answer {@code status} unless the scan already has one with a schema; the scanner's
     * schema-less "200 OK" of a method returning {@code Response} is replaced.
     */
    private static void success(Operation operation, String status, String description, String mediaType, Schema schema) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null && hasSchema(existing)) {
            return;
        }
        APIResponse scanned = responses.getAPIResponse("200");
        if (scanned != null && !hasSchema(scanned)) {
            responses.removeAPIResponse("200");
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(mediaType, OASFactory.createMediaType().schema(schema))));
        operation.setResponses(responses);
    }

    private static boolean hasSchema(APIResponse response) {
        return response.getContent() != null && response.getContent().getMediaTypes().values().stream()
                .anyMatch(type -> type.getSchema() != null);
    }

    private static void name(Operation operation, String operationId) {
        if (operation != null && operation.getOperationId() == null) {
            operation.setOperationId(operationId);
        }
    }

    private static Schema describe(Schema schema, String description) {
        if (schema.getDescription() == null) {
            schema.setDescription(description);
        }
        return schema;
    }

    private static Schema uuid(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).format("uuid").description(description);
    }

    private static Schema ref(String component) {
        return OASFactory.createSchema().ref(SCHEMAS + component);
    }
}
