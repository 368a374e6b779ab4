package dev.gatehouse.api;

import dev.gatehouse.definition.Definition;
import java.util.List;

/**
 * A declared API operation: method, path template ({@code core/users/{pk}/}), who may call it, and what
 * the OpenAPI document says about it. The router and the schema are both built from these. The request body
 * is described by a record type or, for objects, by their {@link Definition} ({@code definition}), which then
 * also describes the fields of the response type.
 */
public record ApiRoute(String method, String template, Access access, String operationId, String summary,
                       Class<?> requestType, Class<?> responseType, boolean paginated, List<String> queryParams,
                       Definition<?> definition, ApiHandler handler) {

    public String[] segments() {
        return template.replaceAll("^/|/$", "").split("/");
    }

    public String tag() {
        return segments()[0];
    }
}
