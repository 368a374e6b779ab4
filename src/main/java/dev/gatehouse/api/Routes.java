package dev.gatehouse.api;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Write;
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
        router.add(new ApiRoute("GET", template, access, operationId, summary, null, item, true, params, null, handler));
        return this;
    }

    public Routes op(String method, String template, Access access, String operationId, String summary,
                     Class<?> request, Class<?> response, ApiHandler handler) {
        router.add(new ApiRoute(method, template, access, operationId, summary, request, response, false, List.of(),
                null, handler));
        return this;
    }

    /** An operation on an object type: its definition describes the request body and the response's fields. */
    public Routes objectOp(String method, String template, Access access, String operationId, String summary,
                           Definition<?> object, Class<?> response, ApiHandler handler) {
        boolean writes = !method.equals("GET") && !method.equals("DELETE");
        router.add(new ApiRoute(method, template, access, operationId, summary, null, response, false, List.of(),
                writes ? object : null, handler));
        return this;
    }

    /**
     * The five operations on an object type at {@code path} (list, create) and {@code path{key}/} (get, replace,
     * change, delete), named {@code <id>_list}, {@code <id>_create}, … as authentik names them.
     */
    public Routes crud(String path, String key, String id, String label, Definition<?> object, Class<?> view,
                       java.util.Collection<String> filters, Crud handlers) {
        String item = path + "{" + key + "}/";
        String article = "aeiou".indexOf(Character.toLowerCase(label.charAt(0))) >= 0 ? "an " : "a ";
        return list(path, Access.SUPERUSER, id + "_list", "List " + label + "s", view, filters, handlers.list())
                .objectOp("POST", path, Access.SUPERUSER, id + "_create", "Create " + article + label, object, view,
                        req -> ApiResponse.created(handlers.create().handle(req)))
                .op("GET", item, Access.SUPERUSER, id + "_retrieve", "Get " + article + label, (Class<?>) null, view,
                        req -> ApiResponse.ok(handlers.get().handle(req)))
                .objectOp("PUT", item, Access.SUPERUSER, id + "_update", "Replace " + article + label, object, view,
                        req -> ApiResponse.ok(handlers.write().write(req, Write.REPLACE)))
                .objectOp("PATCH", item, Access.SUPERUSER, id + "_partial_update", "Change " + article + label, object,
                        view, req -> ApiResponse.ok(handlers.write().write(req, Write.UPDATE)))
                .op("DELETE", item, Access.SUPERUSER, id + "_destroy", "Delete " + article + label, (Class<?>) null, null,
                        req -> {
                            handlers.delete().handle(req);
                            return ApiResponse.noContent();
                        });
    }

    /** What a {@link #crud} resource does; each returns the view of the object (delete returns nothing). */
    public record Crud(ApiHandler list, Read create, Read get, Change write, Read delete) {
        /** Answers with the object's view. */
        @FunctionalInterface
        public interface Read {
            Object handle(ApiRequest req);
        }

        /** Replaces or changes an object and answers with its view. */
        @FunctionalInterface
        public interface Change {
            Object write(ApiRequest req, Write write);
        }
    }
}
