package dev.gatehouse.api;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.ApiPrincipal;
import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.store.PageRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** An API call as handlers see it: path parameters, query, headers, body and the authenticated caller. */
public final class ApiRequest {
    private static final Set<String> PAGING = Set.of("page", "page_size", "search", "ordering");
    private final String method;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final Function<String, String> headers;
    private final byte[] body;
    private final RequestOrigin origin;
    private ApiPrincipal principal;
    private Body parsed;

    /** {@code origin}: how the request reached us (scheme, host, base URL, client IP). */
    public ApiRequest(String method, Map<String, String> pathParams, Map<String, List<String>> query,
                      Function<String, String> headers, byte[] body, RequestOrigin origin) {
        this.method = method;
        this.pathParams = pathParams;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.origin = origin;
    }

    public RequestOrigin origin() {
        return origin;
    }

    /** Whether the client reached us over HTTPS (directly or through a trusted proxy). */
    public boolean secure() {
        return origin.secure();
    }

    /** The raw query parameters (for resources that pass the original query on). */
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    public String method() {
        return method;
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    /** A path parameter that must be an integer primary key; anything else is a 404. */
    public long pathLong(String name) {
        try {
            return Long.parseLong(pathParams.get(name));
        } catch (NumberFormatException e) {
            throw new dev.gatehouse.core.errors.NotFoundException();
        }
    }

    /** A path parameter that must be a UUID primary key; anything else is a 404. */
    public java.util.UUID pathUuid(String name) {
        try {
            return java.util.UUID.fromString(pathParams.get(name));
        } catch (IllegalArgumentException e) {
            throw new dev.gatehouse.core.errors.NotFoundException();
        }
    }

    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    public String header(String name) {
        return headers.apply(name);
    }

    public Body body() {
        if (parsed == null) {
            parsed = Body.parse(body);
        }
        return parsed;
    }

    public String clientIp() {
        return origin.clientIp();
    }

    void principal(ApiPrincipal principal) {
        this.principal = principal;
    }

    public ApiPrincipal principal() {
        return principal;
    }

    public Actor actor() {
        return new Actor(principal == null ? null : principal.user(), origin.clientIp(),
                principal == null ? null : principal.session());
    }

    public boolean superuser() {
        return principal != null && principal.superuser();
    }

    /** DRF paging from the query: {@code page}, {@code page_size}, {@code search}, {@code ordering}, exact filters. */
    public PageRequest pageRequest() {
        int page = positive("page", 1);
        int size = Math.min(positive("page_size", PageRequest.DEFAULT_PAGE_SIZE), PageRequest.MAX_PAGE_SIZE);
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!PAGING.contains(e.getKey()) && !e.getValue().isEmpty()) {
                filters.put(e.getKey(), e.getValue().getFirst());
            }
        }
        return new PageRequest(page, size, query("search"), query("ordering"), filters);
    }

    private int positive(String name, int fallback) {
        String v = query(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(404, "Invalid page.");
        }
    }
}
