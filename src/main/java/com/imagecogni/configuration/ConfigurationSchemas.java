package com.imagecogni.configuration;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import com.imagecogni.delivery.PostbackFormat;
import com.imagecogni.delivery.PostbackTargets;
import com.imagecogni.pipeline.model.OperationSpec;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The request schemas of the configuration endpoints, {@code ConfigurationRequest} (create, update) and
 * {@code OperationsRequest} (estimate), which {@link ConfigurationResource}'s request bodies refer to.
 *
 * <p>Why a schema built here rather than a typed request record: the resources keep reading the body as a
 * {@code JsonNode} through {@link ConfigurationReader}, which reports every bad field with its JSON path (a record
 * bound by Jackson would stop at the first wrong type, with its own wording). So that the document cannot drift from
 * that validation, these schemas are built from the reader's own {@link ConfigurationReader#FIELDS} (a field without
 * a schema here fails the build) and limits ({@link ConfigurationReader#MAX_NAME}, {@link PostbackTargets#MAX_LENGTH},
 * {@link OperationSpec#MAX_PER_CONFIGURATION}). The items of {@code operations}, here and in {@code ConfigurationView},
 * are the {@code Operation} schema that ops' OperationSchemasFilter builds from the pipeline's enums.
 *
 * <p>It runs while the document is built (Quarkus finds it by its annotation); the {@code mp.openapi.filter}
 * (ops' ApiDocumentFilter) is for the schemas that do not depend on this package.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ConfigurationSchemas implements OASFilter {

    static final String CONFIGURATION_REQUEST = "ConfigurationRequest";
    static final String OPERATIONS_REQUEST = "OperationsRequest";
    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(CONFIGURATION_REQUEST, configurationRequest());
        components.addSchema(OPERATIONS_REQUEST, operationsRequest());
        Schema view = components.getSchemas().get("ConfigurationView");
        if (view != null && view.getProperties() != null && view.getProperties().containsKey(ConfigurationReader.OPERATIONS)) {
            view.addProperty(ConfigurationReader.OPERATIONS, operations());
        }
        // the scanner describes the bodies' Java type, Jackson's tree, though the annotations give the schema to use:
        // unless something else refers to it, it is no part of the API (and a generated client would get a JsonNode
        // model beside Jackson's)
        List<String> tree = List.of("JsonNode", "JsonNodeType");
        Set<String> used = new HashSet<>();
        components.getSchemas().forEach((name, schema) -> {
            if (!tree.contains(name)) {
                references(schema, used);
            }
        });
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                    .forEach(operation -> references(operation, used)));
        }
        if (tree.stream().noneMatch(name -> used.contains(SCHEMAS + name))) {
            tree.forEach(components::removeSchema);
        }
    }

    private static void references(org.eclipse.microprofile.openapi.models.Operation operation, Set<String> into) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> references(parameter.getSchema(), into));
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().getMediaTypes().values().forEach(type -> references(type.getSchema(), into));
        }
        if (operation.getResponses() != null) {
            operation.getResponses().getAPIResponses().values().stream().filter(response -> response.getContent() != null)
                    .forEach(response -> response.getContent().getMediaTypes().values()
                            .forEach(type -> references(type.getSchema(), into)));
        }
    }

    /** Every {@code $ref} in a schema and the schemas inside it. */
    private static void references(Schema schema, Set<String> into) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            into.add(schema.getRef());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> references(property, into));
        }
        references(schema.getItems(), into);
        references(schema.getAdditionalPropertiesSchema(), into);
        references(schema.getNot(), into);
        for (List<Schema> schemas : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (schemas != null) {
                schemas.forEach(inner -> references(inner, into));
            }
        }
    }

    /** What create and update read ({@link ConfigurationReader#read}): every field is required. */
    static Schema configurationRequest() {
        Schema schema = object("A configuration: its name, where results are posted, and the operations applied in order"
                + " to every source (each to every image the ones before it produced).");
        for (String field : ConfigurationReader.FIELDS) {
            schema.addProperty(field, switch (field) {
                case ConfigurationReader.NAME -> text("Names the configuration folder in every result ZIP; unique in the"
                        + " account, without control characters.").minLength(1).maxLength(ConfigurationReader.MAX_NAME)
                        .example("product-images");
                case ConfigurationReader.POSTBACK_URL -> text("The result ZIP is POSTed here, signed: a public absolute"
                        + " http(s) URL.").format("uri").minLength(1).maxLength(PostbackTargets.MAX_LENGTH)
                        .example("https://shop.example.com/hooks/images");
                case ConfigurationReader.POSTBACK_FORMAT -> text("How the postback is sent: multipart (the result ZIP in a"
                        + " multipart/form-data body) or json (a Standard Webhooks job.completed event whose result.url is a"
                        + " signed link to the ZIP; verifiable with the standardwebhooks libraries).")
                        .enumeration(PostbackFormat.names().stream().map(Object.class::cast).toList()).defaultValue(PostbackFormat.MULTIPART.sql());
                case ConfigurationReader.OPERATIONS -> operations();
                default -> throw undocumented(field);
            });
        }
        return schema.required(ConfigurationReader.REQUIRED);
    }

    /**
     * What the estimate reads ({@link ConfigurationReader#readOperations}): only the operations are checked; the other
     * fields of a configuration may be sent while it is edited, and are ignored.
     */
    static Schema operationsRequest() {
        Schema schema = object("Operations to validate and price without saving; name, postbackUrl and postbackFormat may be"
                + " sent (and are"
                + " ignored) while a configuration is being edited.");
        for (String field : ConfigurationReader.FIELDS) {
            schema.addProperty(field, switch (field) {
                case ConfigurationReader.NAME -> text("Ignored.").maxLength(ConfigurationReader.MAX_NAME);
                case ConfigurationReader.POSTBACK_URL -> text("Ignored.").maxLength(PostbackTargets.MAX_LENGTH);
                case ConfigurationReader.POSTBACK_FORMAT -> text("Ignored.").maxLength(ConfigurationReader.MAX_POSTBACK_FORMAT);
                case ConfigurationReader.OPERATIONS -> operations();
                default -> throw undocumented(field);
            });
        }
        return schema.required(List.of(ConfigurationReader.OPERATIONS));
    }

    private static Schema operations() {
        return OASFactory.createSchema().addType(SchemaType.ARRAY).minItems(1)
                .maxItems(OperationSpec.MAX_PER_CONFIGURATION)
                .description("Applied in order; each operation applies to every image the ones before it produced.")
                .items(OASFactory.createSchema().ref(SCHEMAS + "Operation"));
    }

    private static IllegalStateException undocumented(String field) {
        return new IllegalStateException("ConfigurationReader accepts '" + field + "', which the API document does not"
                + " describe: add its schema to ConfigurationSchemas");
    }

    /** An object whose unknown fields are refused, as {@code FieldReader.rejectUnknown} refuses them. */
    private static Schema object(String description) {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description(description)
                .additionalPropertiesBoolean(Boolean.FALSE);
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
