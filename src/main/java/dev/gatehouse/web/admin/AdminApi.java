package dev.gatehouse.web.admin;

import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.ApiRouter;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.web.SessionCookies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin interface's way to read and change objects: the same API operations a script calls, run in-process
 * as the browser's session. Reads carry the session cookie; writes also carry the CSRF token the form posted, so
 * the API's own session authentication and CSRF check decide, exactly as for a request from the browser.
 * Every business rule therefore lives once, behind the API.
 */
public final class AdminApi {
    private final ApiRouter router;

    public AdminApi(ApiRouter router) {
        this.router = router;
    }

    /** An API answer as plain JSON values: {@code body} is a map, a list, or null. */
    public record Answer(int status, Object body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> object() {
            return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> results() {
            return object().get("results") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> pagination() {
            return object().get("pagination") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        /** The API's message for an error answer ({@code detail}), or a generic one. */
        public String detail() {
            return object().get("detail") instanceof String s ? s : "The request failed (" + status + ").";
        }
    }

    /** Calls one API operation for the browser request {@code req}; {@code csrf} is the posted token for writes. */
    public Answer call(ServerRequest req, RequestOrigin origin, String method, String path,
                       Map<String, List<String>> query, Object body, String csrf) {
        ApiRouter.Match m = router.match(method, path);
        if (m.route() == null) {
            return new Answer(404, Map.of("detail", "Not found."));
        }
        byte[] bytes = body == null ? new byte[0] : Json.bytes(body);
        String cookie = req.headers().first(HeaderNames.COOKIE).orElse(null);
        ApiRequest call = new ApiRequest(method, m.params(), query == null ? Map.of() : query, name -> {
            if (name.equalsIgnoreCase("Cookie")) {
                return cookie;
            }
            if (name.equalsIgnoreCase(SessionCookies.CSRF_HEADER)) {
                return csrf;
            }
            return req.headers().first(HeaderNames.create(name)).orElse(null);
        }, bytes, origin);
        ApiResponse r = router.execute(m.route(), call);
        Object plain = r.body() == null ? null : Json.MAPPER.readValue(ApiRouter.serialize(r), Object.class);
        return new Answer(r.status(), plain);
    }

    /** A query of single values. */
    public static Map<String, List<String>> query(Map<String, String> values) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                q.put(k, List.of(v));
            }
        });
        return q;
    }
}
