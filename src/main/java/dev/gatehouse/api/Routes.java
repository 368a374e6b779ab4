package dev.gatehouse.api;

import java.util.List;

/** Declares routes on a router with little ceremony; each resource class uses it in its {@code register}. */
public final class Routes {
    private final ApiRouter router;

    public Routes(ApiRouter router) {
        this.router = router;
    }

    /** A paginated list ({@code GET}) with the listing's filter names as query parameters. */
    public Routes list(String template, Access access, String operationId, String summary, Class<?> item,
                       java.util.Collection<String> filters, ApiHandler handler) {
        List<String> params = new java.util.ArrayList<>(Pagination.PARAMS);
        params.addAll(filters);
        router.add(new ApiRoute("GET", template, access, operationId, summary, null, item, true, params, handler));
        return this;
    }

    public Routes op(String method, String template, Access access, String operationId, String summary,
                     Class<?> request, Class<?> response, ApiHandler handler) {
        router.add(new ApiRoute(method, template, access, operationId, summary, request, response, false, List.of(), handler));
        return this;
    }
}
