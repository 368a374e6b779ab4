package dev.gatehouse.web.admin;

import dev.gatehouse.api.ApiRoute;
import dev.gatehouse.api.ApiRouter;
import dev.gatehouse.definition.Definition;
import java.util.Optional;

/**
 * What the API declares about an object type: the definition its create and change operations read, and which
 * operations exist. The admin forms are built from these, so they offer exactly what the API accepts.
 */
public final class Declarations {
    private final ApiRouter router;

    public Declarations(ApiRouter router) {
        this.router = router;
    }

    /** The definition a {@code method} on {@code path} reads ({@code POST core/users/}), if that operation exists. */
    public Optional<Definition<?>> of(String method, String path) {
        ApiRoute r = router.match(method, path).route();
        return r == null ? Optional.empty() : Optional.ofNullable(r.definition());
    }

    public boolean allows(String method, String path) {
        return router.match(method, path).route() != null;
    }

    /** A path that stands for any object in a collection's item operations. */
    public static String anyItem(String collection) {
        return collection + "0/";
    }
}
