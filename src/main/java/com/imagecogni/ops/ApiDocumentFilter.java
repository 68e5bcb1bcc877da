package com.imagecogni.ops;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Run when the application is built, not at each start (as an {@code mp.openapi.filter} was: generating the document at
 * start-up took about 0.6 s of it): the Problem responses of every endpoint, the schemas of a configuration's
 * operations, then what the jobs endpoints' annotations leave out. (The configuration request schemas are built in
 * configuration, from its reader's field list, by a filter Quarkus finds by its {@code @OpenApiFilter} annotation: ops
 * does not use the packages above it.)
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

    private final OASFilter[] filters = { new ProblemResponsesFilter(), new OperationSchemasFilter(), new JobSchemasFilter() };

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (OASFilter filter : filters) {
            filter.filterOpenAPI(openAPI);
        }
    }
}
