package com.imagecogni.ops;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * The one {@code mp.openapi.filter}: the Problem responses of every endpoint, then the schemas of a configuration's
 * operations.
 */
public class ApiDocumentFilter implements OASFilter {

    private final OASFilter[] filters = { new ProblemResponsesFilter(), new OperationSchemasFilter() };

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (OASFilter filter : filters) {
            filter.filterOpenAPI(openAPI);
        }
    }
}
